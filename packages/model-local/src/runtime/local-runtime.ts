import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError } from '@codeact/core';
import { codeactCacheDir, type Env } from './cache-dir.js';
import type { NodeLlamaCpp } from './node-llama-cpp-api.js';

/** The node-llama-cpp release the local backend is written and tested against. */
export const nodeLlamaCppVersion = '3.22.1';

/** About how much the lean install takes on disk (node-llama-cpp plus one CPU binary package). */
export const localRuntimeInstallSizeMb = 85;

/**
 * How the runtime is obtained when it is missing: `ask` calls `confirm` (and fails without one
 * unless `CODEACT_LOCAL_INSTALL=1`), `yes` installs, `no` fails with instructions.
 */
export type LocalRuntimeInstallPolicy = 'ask' | 'yes' | 'no';

export type LocalRuntimeSettings = {
  /** Where the runtime lives. Default `$CODEACT_LOCAL_RUNTIME_DIR`, else `<cache>/local-runtime/<version>`. */
  readonly dir?: string | undefined;
  /** Default `ask`. */
  readonly install?: LocalRuntimeInstallPolicy | undefined;
  /** Asked before installing under `ask`, e.g. a y/N prompt on a terminal. */
  readonly confirm?: ((request: LocalRuntimeInstallRequest) => boolean | Promise<boolean>) | undefined;
  /** npm's output while installing (it is never printed). */
  readonly onInstallOutput?: ((chunk: string) => void) | undefined;
  /** Use this already imported module instead (e.g. `await import('node-llama-cpp')` in your app). */
  readonly module?: unknown;
  readonly env?: Env | undefined;
};

export type LocalRuntimeInstallRequest = {
  readonly dir: string;
  readonly packages: readonly string[];
  readonly sizeMb: number;
  /** One line for a prompt: what will be installed where. */
  readonly message: string;
};

export type LocalRuntimeStatus = {
  readonly dir: string;
  readonly installed: boolean;
  /** The installed node-llama-cpp version, when there is one. */
  readonly version: string | undefined;
  /** The npm packages an install adds, for this platform. */
  readonly packages: readonly string[];
};

const binaryPackages: Readonly<Record<string, string>> = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-arm': 'linux-armv7l',
  'darwin-arm64': 'mac-arm64-metal',
  'darwin-x64': 'mac-x64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
};

/** The prebuilt CPU (or Metal) binary package for a platform, e.g. `@node-llama-cpp/linux-x64`. */
export function binaryPackageFor(platform: string = process.platform, arch: string = process.arch): string {
  const name = binaryPackages[`${platform}-${arch}`];
  if (!name) {
    throw new ConfigurationError(
      `Local models need a prebuilt llama.cpp binary, and node-llama-cpp ${nodeLlamaCppVersion} has none for ${platform}-${arch}. Use a model server instead (--base-url, e.g. Ollama or llama.cpp's llama-server).`,
    );
  }
  return `@node-llama-cpp/${name}`;
}

export function localRuntimeDir(settings: { dir?: string | undefined; env?: Env | undefined } = {}): string {
  const env = settings.env ?? process.env;
  if (settings.dir) return settings.dir;
  if (env.CODEACT_LOCAL_RUNTIME_DIR?.trim()) return env.CODEACT_LOCAL_RUNTIME_DIR.trim();
  return join(codeactCacheDir(env), 'local-runtime', nodeLlamaCppVersion);
}

function runtimePackages(): string[] {
  return [`node-llama-cpp@${nodeLlamaCppVersion}`, `${binaryPackageFor()}@${nodeLlamaCppVersion}`];
}

async function installedVersion(dir: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules', 'node-llama-cpp', 'package.json'), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the runtime is installed in `dir` (at the pinned version). */
export async function localRuntimeStatus(
  settings: { dir?: string | undefined; env?: Env | undefined } = {},
): Promise<LocalRuntimeStatus> {
  const dir = localRuntimeDir(settings);
  const version = await installedVersion(dir);
  return { dir, installed: version === nodeLlamaCppVersion, version, packages: runtimePackages() };
}

/** Settings an enclosing `npm run` passes down that would point the install somewhere else. */
const inheritedNpmSettings =
  /^npm_config_(workspaces?|include_workspace_root|prefix|local_prefix|global|location|dry_run|save.*)$/i;

function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!inheritedNpmSettings.test(key)) env[key] = value;
  // The postinstall only re-checks the prebuilt binary; skipping it keeps the install offline-safe.
  return { ...env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true', npm_config_update_notifier: 'false' };
}

function runNpm(args: string[], cwd: string, onOutput: ((chunk: string) => void) | undefined): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve, reject) => {
    const child = spawn(npm, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      env: npmEnv(),
    });
    let tail = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      onOutput?.(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) =>
      reject(new ConfigurationError(`Could not run npm to install the local model runtime: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ConfigurationError(`npm ${args.join(' ')} failed (exit ${code}):\n${tail.trim()}`));
    });
  });
}

/**
 * Installs node-llama-cpp and its prebuilt CPU binary package for this platform (about 85 MB; no
 * CUDA or Vulkan builds, no compilation) into `dir` with npm. Installs into a staging directory and
 * renames it into place, so concurrent installs (parallel test workers) never see half a runtime.
 */
export async function installLocalRuntime(
  settings: { dir?: string | undefined; env?: Env | undefined; onOutput?: ((chunk: string) => void) | undefined } = {},
): Promise<LocalRuntimeStatus> {
  const dir = localRuntimeDir(settings);
  const status = await localRuntimeStatus({ dir });
  if (status.installed) return status;
  await mkdir(dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.staging-`);
  try {
    const dependencies = Object.fromEntries(
      runtimePackages().map((spec) => {
        const at = spec.lastIndexOf('@');
        return [spec.slice(0, at), spec.slice(at + 1)];
      }),
    );
    const manifest = { name: 'codeact-local-runtime', private: true, type: 'module', dependencies };
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await runNpm(
      [
        'install',
        '--prefix',
        staging,
        '--omit=optional',
        '--omit=dev',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      staging,
      settings.onOutput,
    );
    if ((await installedVersion(staging)) !== nodeLlamaCppVersion) {
      throw new ConfigurationError(`npm finished but node-llama-cpp ${nodeLlamaCppVersion} is missing in ${staging}.`);
    }
    // Another process may have finished first; keep its install rather than pull it from under it.
    if ((await localRuntimeStatus({ dir })).installed) return localRuntimeStatus({ dir });
    if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
    try {
      await rename(staging, dir);
    } catch (error) {
      // Another process installed it first.
      if (!(await localRuntimeStatus({ dir })).installed) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return localRuntimeStatus({ dir });
}

function installAdvice(dir: string): string {
  return `Install it with \`npx codeact-local install\` (or rerun with --yes, or set CODEACT_LOCAL_INSTALL=1 to install without asking). It goes to ${dir}; set CODEACT_CACHE_DIR or CODEACT_LOCAL_RUNTIME_DIR to choose another place.`;
}

const loaded = new Map<string, Promise<NodeLlamaCpp>>();

async function importRuntime(dir: string): Promise<NodeLlamaCpp> {
  const packageDir = join(dir, 'node_modules', 'node-llama-cpp');
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const entry: string = manifest.exports?.['.']?.import ?? manifest.exports?.['.']?.default ?? './dist/index.js';
  return (await import(pathToFileURL(join(packageDir, entry)).href)) as NodeLlamaCpp;
}

/**
 * Imports node-llama-cpp from the runtime directory, installing it first when missing and the
 * install policy allows (see `LocalRuntimeSettings`). Loaded once per directory per process.
 */
export function loadLocalRuntime(settings: LocalRuntimeSettings = {}): Promise<NodeLlamaCpp> {
  if (settings.module !== undefined) return Promise.resolve(settings.module as NodeLlamaCpp);
  const env = settings.env ?? process.env;
  const dir = localRuntimeDir({ dir: settings.dir, env });
  let pending = loaded.get(dir);
  if (!pending) {
    pending = (async () => {
      const status = await localRuntimeStatus({ dir });
      if (!status.installed) {
        const policy = settings.install ?? 'ask';
        const packages = status.packages;
        const request: LocalRuntimeInstallRequest = {
          dir,
          packages,
          sizeMb: localRuntimeInstallSizeMb,
          message: `Local models need the llama.cpp runtime (${packages.join(', ')}, about ${localRuntimeInstallSizeMb} MB), installed once into ${dir}.`,
        };
        const preApproved = ['1', 'true', 'yes'].includes((env.CODEACT_LOCAL_INSTALL ?? '').trim().toLowerCase());
        const approved =
          policy === 'yes' ||
          (policy === 'ask' && (preApproved || (settings.confirm !== undefined && (await settings.confirm(request)))));
        if (!approved) {
          const found = status.version ? ` (found node-llama-cpp ${status.version}, need ${nodeLlamaCppVersion})` : '';
          throw new ConfigurationError(
            `The local model runtime is not installed${found}. ${request.message} ${installAdvice(dir)}`,
          );
        }
        await installLocalRuntime({ dir, env, onOutput: settings.onInstallOutput });
      }
      return importRuntime(dir);
    })();
    loaded.set(dir, pending);
    pending.catch(() => loaded.delete(dir));
  }
  return pending;
}
