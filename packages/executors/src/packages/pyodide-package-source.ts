import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstalledPackage } from '@codeact/core';
import type { PackageInstaller } from './package-installer.js';
import { normalizePackageName, type PackageRequest } from './package-request.js';
import { PipError } from './run-pip.js';

/** What Pyodide's lock file says of one of its packages. */
type LockPackage = {
  readonly name: string;
  readonly file_name: string;
  readonly sha256: string;
  readonly depends: string[];
};

/** The Pyodide install a session runs: its lock file and where its package files are. */
export type PyodideTarget = {
  /** `pyodide-lock.json` of the `pyodide` npm package. */
  readonly lockFile: string;
  /** Pyodide's package files: its CDN for this version, a mirror, or a local directory (path or file://). */
  readonly indexUrl: string;
  /** e.g. `3.14.2`: pure-Python wheels are resolved for it. */
  readonly pythonVersion: string;
};

export function pyodideCdnUrl(pyodideVersion: string): string {
  return `https://cdn.jsdelivr.net/pyodide/v${pyodideVersion}/full/`;
}

async function readLock(lockFile: string): Promise<Map<string, LockPackage>> {
  const lock = JSON.parse(await readFile(lockFile, 'utf8')) as { packages?: Record<string, LockPackage> };
  const packages = new Map<string, LockPackage>();
  for (const entry of Object.values(lock.packages ?? {})) packages.set(normalizePackageName(entry.name), entry);
  return packages;
}

/** The package and everything it depends on, dependencies first. */
function closure(lock: Map<string, LockPackage>, names: readonly string[]): LockPackage[] {
  const seen = new Map<string, LockPackage>();
  const visit = (name: string) => {
    const key = normalizePackageName(name);
    const entry = lock.get(key);
    if (!entry || seen.has(key)) return;
    seen.set(key, entry);
    for (const dependency of entry.depends) visit(dependency);
  };
  for (const name of names) visit(name);
  return [...seen.values()].reverse();
}

async function fetchFile(indexUrl: string, file: string, signal?: AbortSignal): Promise<Buffer> {
  const base = indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`;
  if (!/^[a-z]+:/.test(base)) return readFile(join(base, file));
  if (base.startsWith('file:')) return readFile(join(fileURLToPath(base), file));
  const response = await fetch(`${base}${file}`, { signal: signal ?? AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * The archives a Pyodide session needs for `requests`, in the shared cache: packages of Pyodide's own
 * distribution (its lock file, native code built for WebAssembly) fetched from its index by the host
 * and checked against the lock's sha256; anything else as pure-Python wheels from the configured index.
 */
export async function fetchForPyodide(
  installer: PackageInstaller,
  target: PyodideTarget,
  requests: readonly PackageRequest[],
  signal?: AbortSignal,
): Promise<InstalledPackage[]> {
  const lock = await readLock(target.lockFile);
  const fromLock = closure(
    lock,
    requests.filter((request) => lock.has(request.name)).map((request) => request.name),
  );
  const files: InstalledPackage[] = [];
  const stage = await installer.staging();
  try {
    for (const entry of fromLock) {
      const bytes = await fetchFile(target.indexUrl, entry.file_name, signal).catch((error: unknown) => {
        throw new PipError(
          `${entry.name} is one of Pyodide's own packages, but ${entry.file_name} could not be fetched from ${target.indexUrl} (${error instanceof Error ? error.message : String(error)}), and there is no local copy: point the Pyodide package index at a reachable mirror or a local directory of Pyodide's wheels.`,
        );
      });
      await writeFile(join(stage, entry.file_name), bytes);
      files.push(await installer.addVerified(join(stage, entry.file_name), entry.file_name, entry.sha256));
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  const rest = requests.filter((request) => !lock.has(request.name));
  if (rest.length > 0) {
    const [major, minor] = target.pythonVersion.split('.');
    const pure = [
      '--platform',
      'any',
      '--python-version',
      `${major}.${minor}`,
      '--implementation',
      'py',
      '--abi',
      'none',
    ];
    const downloaded = await installer.download(rest, signal, pure).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new PipError(
        `${message} (Pyodide installs pure-Python wheels from the package index, and its own packages from Pyodide's index)`,
      );
    });
    files.push(...downloaded);
  }
  return files;
}
