import { join } from 'node:path';
import type { ToolCallResult, ToolCallScope } from '@codeact/core';
import { type InstallSteps, serveInstallCall } from './install-packages-call.js';
import { type PackageOptions, type PackageSupport, resolvePackageSupport } from './package-options.js';
import { fetchForPyodide, type PyodideTarget, pyodideCdnUrl } from './pyodide-package-source.js';

/** What a Pyodide session needs to serve install requests. */
export type PyodidePackageSupport = PackageSupport & { readonly target: PyodideTarget };

/**
 * Serves one `install_packages` request from a Pyodide session: the same names, rules and policy as
 * CPython's; the host fetches the archives (cache, hashes checked) and answers with their bytes,
 * which the session's helper unpacks into its own file system.
 */
export function pyodideInstallCall(
  support: PyodidePackageSupport | undefined,
  args: unknown,
  scope: ToolCallScope,
  signal: AbortSignal,
  already?: InstallSteps['already'],
): Promise<ToolCallResult> {
  return serveInstallCall(support, args, scope, signal, {
    already,
    install: async (requests) => {
      if (!support) return { installed: [] };
      const files = await fetchForPyodide(support.installer, support.target, requests, signal);
      const wheels = [];
      for (const entry of files) {
        wheels.push({ file: entry.file, data: (await support.installer.read(entry)).toString('base64') });
      }
      // The whole records (file, sha256 too): a session with a site dir keeps them there.
      return { installed: files, wheels };
    },
  });
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
