import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { InstalledPackage } from '@codeact/core';
import { normalizePackageName, type PackageRequest } from './package-request.js';
import { PipError, runPip } from './run-pip.js';
import { readSiteManifest, writeSiteManifest } from './site-manifest.js';
import { sourceOnlyMessage } from './source-only-message.js';
import { sha256Of, WheelCache } from './wheel-cache.js';

export const defaultIndexUrl = 'https://pypi.org/simple';

export type PackageInstallerOptions = {
  /** The interpreter whose pip downloads and installs (the sandbox's, so wheels match it). */
  readonly pythonPath: string;
  /** A PEP 503 index (`https://…/simple`, a mirror, or `file:///dir`). Default PyPI. */
  readonly indexUrl?: string | undefined;
  /** The shared content-addressed cache of downloaded archives. */
  readonly cacheDir: string;
  /** Also accept source distributions (built on the host by pip). Default false: binary wheels only. */
  readonly allowSdist?: boolean | undefined;
};

/** Name and version from a wheel's (`name-1.0-py3-none-any.whl`) or an sdist's (`name-1.0.tar.gz`) file name. */
function describeFile(file: string): { name: string; version: string } {
  if (file.endsWith('.whl')) {
    const [name = file, version = ''] = file.split('-');
    return { name: normalizePackageName(name), version };
  }
  const stem = file.replace(/\.(tar\.gz|zip|tar\.bz2)$/, '');
  const cut = stem.lastIndexOf('-');
  return { name: normalizePackageName(stem.slice(0, cut)), version: stem.slice(cut + 1) };
}

/**
 * Installs packages for sessions on the host, never in the sandbox: pip downloads the requested
 * packages and their dependencies from the index (binary wheels only unless `allowSdist`; the index's
 * `#sha256=` fragments are checked by pip, a mismatch refused), the archives go to the shared
 * content-addressed cache, and pip installs them from there into the session's site dir.
 */
export class PackageInstaller {
  readonly indexUrl: string;
  readonly allowSdist: boolean;
  private readonly pythonPath: string;
  private readonly cache: WheelCache;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(options: PackageInstallerOptions) {
    this.pythonPath = options.pythonPath;
    this.indexUrl = options.indexUrl ?? defaultIndexUrl;
    this.allowSdist = options.allowSdist ?? false;
    this.cache = new WheelCache(options.cacheDir);
  }

  /** Downloads and installs `requests` (with their dependencies) into `siteDir`; what was installed. */
  install(siteDir: string, requests: readonly PackageRequest[], signal?: AbortSignal): Promise<InstalledPackage[]> {
    return this.serialize(siteDir, () =>
      this.download(requests, signal).then((files) => this.place(siteDir, files, signal)),
    );
  }

  /** Reinstalls from the cache what the site dir's record lists but the dir no longer holds. */
  restore(siteDir: string, signal?: AbortSignal): Promise<InstalledPackage[]> {
    return this.serialize(siteDir, async () => {
      const recorded = await readSiteManifest(siteDir);
      const missing: InstalledPackage[] = [];
      for (const entry of recorded) if (!(await hasDistInfo(siteDir, entry))) missing.push(entry);
      if (missing.length === 0) return [];
      return this.place(siteDir, missing, signal);
    });
  }

  private serialize<T>(siteDir: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(siteDir) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    this.queues.set(siteDir, next);
    const forget = () => {
      if (this.queues.get(siteDir) === next) this.queues.delete(siteDir);
    };
    next.then(forget, forget);
    return next;
  }

  /** The bytes of a cached archive, checked against its hash. */
  async read(entry: InstalledPackage): Promise<Buffer> {
    const stage = await this.staging();
    try {
      if (!(await this.cache.take(entry, stage)))
        throw new PipError(`not in the package cache (or altered there): ${entry.file}`);
      return await readFile(join(stage, entry.file));
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }

  /** Adds a file fetched by other means to the cache; its hash must be `sha256`. */
  async addVerified(path: string, file: string, sha256: string): Promise<InstalledPackage> {
    const actual = await sha256Of(path);
    if (actual !== sha256) {
      await rm(path, { force: true });
      throw new PipError(`${file}: its sha256 is ${actual}, not ${sha256} as the index says: refused.`);
    }
    return { ...describeFile(file), ...(await this.cache.add(path, file)) };
  }

  async staging(): Promise<string> {
    await mkdir(this.cache.directory, { recursive: true, mode: 0o700 });
    return mkdtemp(join(this.cache.directory, 'staging-'));
  }

  /**
   * Downloads `requests` and their dependencies into the cache; what was downloaded. `target` adds
   * pip's platform options (`--platform any --python-version 3.14 …`) for another interpreter.
   */
  async download(
    requests: readonly PackageRequest[],
    signal?: AbortSignal,
    target: readonly string[] = [],
  ): Promise<InstalledPackage[]> {
    const stage = await this.staging();
    try {
      // Builds use the host's setuptools (Debian's): no build environment is downloaded.
      const binary =
        this.allowSdist && target.length === 0 ? ['--no-build-isolation'] : ['--only-binary=:all:', ...target];
      const args = ['download', '--dest', stage, ...binary, '--index-url', this.indexUrl, '--progress-bar', 'off'];
      await runPip(this.pythonPath, [...args, '--no-cache-dir', ...requests.map((r) => r.spec)], stage, signal).catch(
        async (error: unknown) => {
          if (!(error instanceof PipError)) throw error;
          const refused = this.allowSdist ? undefined : await sourceOnlyMessage(this.indexUrl, requests, error.message);
          throw new PipError(refused ?? `pip could not download ${describeRequests(requests)}: ${error.message}`);
        },
      );
      const files: InstalledPackage[] = [];
      for (const file of await readdir(stage)) {
        const cached = await this.cache.add(join(stage, file), file);
        files.push({ ...describeFile(file), ...cached });
      }
      return files;
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }

  private async place(
    siteDir: string,
    files: readonly InstalledPackage[],
    signal?: AbortSignal,
  ): Promise<InstalledPackage[]> {
    const stage = await this.staging();
    try {
      const gone = [];
      for (const entry of files) if (!(await this.cache.take(entry, stage))) gone.push(entry.file);
      if (gone.length > 0) throw new PipError(`not in the package cache (or altered there): ${gone.join(', ')}`);
      const paths = files.map((entry) => join(stage, entry.file));
      const args = ['install', '--no-index', '--no-deps', '--upgrade', '--target', siteDir, '--progress-bar', 'off'];
      if (this.allowSdist) args.push('--no-build-isolation');
      await runPip(this.pythonPath, [...args, '--no-cache-dir', ...paths], stage, signal);
      await writeSiteManifest(siteDir, files);
      return [...files];
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }
}

function describeRequests(requests: readonly PackageRequest[]): string {
  return requests.map((request) => request.spec).join(' ');
}

/** Whether `siteDir` holds the package's metadata directory (names compared in normal form). */
async function hasDistInfo(siteDir: string, entry: InstalledPackage): Promise<boolean> {
  const wanted = `${normalizePackageName(entry.name)}-${entry.version}`;
  for (const name of await readdir(siteDir).catch(() => [] as string[])) {
    const match = /^(.+)-([^-]+)\.(dist-info|egg-info)$/.exec(name);
    if (match && `${normalizePackageName(match[1] ?? '')}-${match[2]}` === wanted) return true;
  }
  return false;
}
