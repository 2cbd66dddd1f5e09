import { join } from 'node:path';
import type { ToolCallResult, ToolCallScope } from '@codeact/core';
import { installDenial, readRequests, refuse } from './install-packages-call.js';
import { type PackageOptions, type PackageSupport, resolvePackageSupport } from './package-options.js';
import type { PackageRequest } from './package-request.js';
import { fetchForPyodide, type PyodideTarget, pyodideCdnUrl } from './pyodide-package-source.js';

/** What a Pyodide session needs to serve install requests. */
export type PyodidePackageSupport = PackageSupport & { readonly target: PyodideTarget };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serves one `install_packages` request from a Pyodide session: the same names, rules and policy as
 * CPython's; the host fetches the archives (cache, hashes checked) and answers with their bytes,
 * which the session's helper unpacks into its own file system.
 */
export async function pyodideInstallCall(
  support: PyodidePackageSupport | undefined,
  args: unknown,
  scope: ToolCallScope,
  signal: AbortSignal,
): Promise<ToolCallResult> {
  if (!support) return refuse('PermissionError', 'installing packages is not available in this interpreter');
  let requests: PackageRequest[];
  try {
    requests = readRequests(args);
  } catch (error) {
    return refuse('TypeError', messageOf(error));
  }
  const reason = await installDenial(support, requests, scope, signal);
  if (reason !== undefined) return refuse('PermissionError', reason);
  try {
    const files = await fetchForPyodide(support.installer, support.target, requests, signal);
    const wheels = [];
    for (const entry of files) {
      wheels.push({ file: entry.file, data: (await support.installer.read(entry)).toString('base64') });
    }
    return { ok: true, value: { installed: files.map(({ name, version }) => ({ name, version })), wheels } };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return refuse('ToolError', messageOf(error));
  }
}

/** Install support for the Pyodide executor, from its options and the `pyodide` package it runs. */
export function createPyodidePackageSupport(
  options: PackageOptions | undefined,
  pyodide: { readonly pyodideDir: string; readonly pyodideVersion: string; readonly pythonVersion: string },
): PyodidePackageSupport {
  const hostPython = process.env.CODEACT_PYTHON ?? '/usr/bin/python3';
  return {
    ...resolvePackageSupport(options, hostPython),
    target: {
      lockFile: join(pyodide.pyodideDir, 'pyodide-lock.json'),
      indexUrl: options?.pyodideIndexUrl ?? pyodideCdnUrl(pyodide.pyodideVersion),
      pythonVersion: pyodide.pythonVersion,
    },
  };
}
