import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import { afterEach, describe, expect, it } from 'vitest';
import { codeactCacheDir } from './cache-dir.js';
import {
  binaryPackageFor,
  loadLocalRuntime,
  localRuntimeDir,
  localRuntimeStatus,
  nodeLlamaCppVersion,
} from './local-runtime.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codeact-runtime-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('localRuntimeDir', () => {
  it('lives in the codeact cache, per pinned version, unless a directory is given', () => {
    expect(codeactCacheDir({ HOME: '/home/me' })).toBe('/home/me/.cache/codeact');
    expect(codeactCacheDir({ HOME: '/home/me', XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/codeact');
    expect(localRuntimeDir({ env: { CODEACT_CACHE_DIR: '/cache' } })).toBe(
      `/cache/local-runtime/${nodeLlamaCppVersion}`,
    );
    expect(localRuntimeDir({ env: { CODEACT_CACHE_DIR: '/cache', CODEACT_LOCAL_RUNTIME_DIR: '/rt' } })).toBe('/rt');
    expect(localRuntimeDir({ dir: '/given', env: { CODEACT_LOCAL_RUNTIME_DIR: '/rt' } })).toBe('/given');
  });
});

describe('binaryPackageFor', () => {
  it('names the CPU binary package of the platform and refuses unknown ones', () => {
    expect(binaryPackageFor('linux', 'x64')).toBe('@node-llama-cpp/linux-x64');
    expect(binaryPackageFor('darwin', 'arm64')).toBe('@node-llama-cpp/mac-arm64-metal');
    expect(() => binaryPackageFor('sunos', 'sparc')).toThrow(/has none for sunos-sparc/);
  });
});

describe('localRuntimeStatus', () => {
  it('reports a runtime of another version as not installed', async () => {
    const dir = await tempDir();
    expect(await localRuntimeStatus({ dir })).toMatchObject({ dir, installed: false, version: undefined });
    await mkdir(join(dir, 'node_modules', 'node-llama-cpp'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'node-llama-cpp', 'package.json'), '{"version": "3.0.0"}');
    expect(await localRuntimeStatus({ dir })).toMatchObject({
      installed: false,
      version: '3.0.0',
      packages: [`node-llama-cpp@${nodeLlamaCppVersion}`, `${binaryPackageFor()}@${nodeLlamaCppVersion}`],
    });
  });
});

describe('loadLocalRuntime', () => {
  it('asks before installing and says how to install when refused', async () => {
    const dir = await tempDir();
    const requests: unknown[] = [];
    const failure = await loadLocalRuntime({
      dir,
      env: {},
      confirm: (request) => {
        requests.push(request);
        return false;
      },
    }).catch((error: unknown) => error);
    expect(requests).toEqual([
      expect.objectContaining({ dir, sizeMb: 85, message: expect.stringContaining('installed once into') }),
    ]);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toMatch(
      /^The local model runtime is not installed\. Local models need the llama\.cpp runtime \(node-llama-cpp@3\.22\.1, @node-llama-cpp\/.*about 85 MB\).* Install it with `npx codeact-local install` \(or rerun with --yes, or set CODEACT_LOCAL_INSTALL=1/,
    );
  });

  it('never installs under the "no" policy', async () => {
    const dir = await tempDir();
    let asked = false;
    const failure = loadLocalRuntime({
      dir,
      install: 'no',
      env: { CODEACT_LOCAL_INSTALL: '1' },
      confirm: () => {
        asked = true;
        return true;
      },
    });
    await expect(failure).rejects.toThrow(/is not installed/);
    expect(asked).toBe(false);
  });

  it('uses a module given by the caller without touching the disk', async () => {
    const module = { getLlama: () => undefined };
    expect(await loadLocalRuntime({ module, dir: '/nonexistent' })).toBe(module);
  });
});
