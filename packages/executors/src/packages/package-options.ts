import { homedir } from 'node:os';
import { join } from 'node:path';
import { PackageInstaller } from './package-installer.js';
import type { PackagePolicy, PackageRules } from './package-policy.js';

/** Packages on demand (`%pip install`, `install_packages([...])`): who decides, and where they come from. */
export type PackageOptions = {
  /** `allow` installs at once, `ask` asks the run's tool approver (the user), `deny` refuses. Default `deny`. */
  readonly policy?: PackagePolicy | undefined;
  /** Names always allowed or always denied (`--packages-policy FILE`, see `parsePackageRules`). */
  readonly rules?: PackageRules | undefined;
  /** PEP 503 index (`--index-url`): PyPI by default, a mirror, or `file:///dir`. */
  readonly indexUrl?: string | undefined;
  /** The shared cache of downloaded archives. Default `$CODEACT_PACKAGE_CACHE`, else `$XDG_CACHE_HOME/codeact/packages` (`~/.cache/…`). */
  readonly cacheDir?: string | undefined;
  /**
   * Pyodide only: where its own packages' files are (those in its lock file, built for WebAssembly):
   * a mirror or a local directory. Default Pyodide's CDN for its version.
   */
  readonly pyodideIndexUrl?: string | undefined;
  /** Accept source distributions too, built on the host by pip (`--allow-sdist`). Default false. */
  readonly allowSdist?: boolean | undefined;
};

/** What a session needs to serve install requests. */
export type PackageSupport = {
  readonly policy: PackagePolicy;
  readonly rules: PackageRules | undefined;
  readonly installer: PackageInstaller;
};

/** `$CODEACT_PACKAGE_CACHE`, else `$XDG_CACHE_HOME/codeact/packages`, else `~/.cache/codeact/packages`. */
export function defaultPackageCacheDir(): string {
  if (process.env.CODEACT_PACKAGE_CACHE) return process.env.CODEACT_PACKAGE_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'codeact', 'packages');
}

export function resolvePackageSupport(options: PackageOptions | undefined, pythonPath: string): PackageSupport {
  return {
    policy: options?.policy ?? 'deny',
    rules: options?.rules,
    installer: new PackageInstaller({
      pythonPath,
      indexUrl: options?.indexUrl,
      cacheDir: options?.cacheDir ?? defaultPackageCacheDir(),
      allowSdist: options?.allowSdist,
    }),
  };
}
