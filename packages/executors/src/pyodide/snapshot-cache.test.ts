import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPyodideExecutor } from './pyodide-executor.js';
import { defaultSnapshotCacheDir, SnapshotCache } from './snapshot-cache.js';

const directories: string[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'codeact-snapshot-cache-'));
  directories.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const snapshots = (directory: string) => readdirSync(directory).filter((name) => name.endsWith('.snapshot'));

/** Runs `print(1)` in a one-session executor (no pool) using `cache`; says whether its snapshot was cached. */
async function printOne(cache: string, lean = true): Promise<{ stdout: string; snapshot: string }> {
  const executor = createPyodideExecutor({ poolSize: 0, snapshotCache: cache, lean });
  try {
    await executor.warmUp();
    const snapshot = executor.poolStatus().snapshot;
    const session = await executor.createSession();
    const execution = await session.execute({ code: 'print(1)', timeoutMs: 20_000 });
    await session.close();
    return { stdout: execution.stdout, snapshot };
  } finally {
    await executor.dispose();
  }
}

describe('SnapshotCache', () => {
  it('finds what it stored, under the digest of the bytes, and leaves no temporary file', async () => {
    const directory = join(temporaryDirectory(), 'nested');
    const cache = new SnapshotCache(directory, 'k1');
    expect(await cache.find()).toBeUndefined();
    const bytes = Buffer.from('snapshot bytes');
    const path = await cache.store(bytes);
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(path).toBe(join(directory, `pyodide-k1-${digest}.snapshot`));
    expect(await cache.find()).toBe(path);
    expect(readdirSync(directory)).toEqual([`pyodide-k1-${digest}.snapshot`]);
    expect(await new SnapshotCache(directory, 'k2').find()).toBeUndefined();
  });

  it('deletes a file whose bytes do not match its name', async () => {
    const directory = temporaryDirectory();
    const cache = new SnapshotCache(directory, 'k1');
    const path = await cache.store(Buffer.from('good'));
    writeFileSync(path ?? '', 'changed on disk');
    expect(await cache.find()).toBeUndefined();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('keeps complete snapshots, and finds the same one, when processes store at the same time', async () => {
    const directory = temporaryDirectory();
    const writers = Array.from({ length: 4 }, () => new SnapshotCache(directory, 'k1'));
    await Promise.all(writers.map((cache, index) => cache.store(Buffer.alloc(1 << 20, index + 1))));
    const found = await new SnapshotCache(directory, 'k1').find();
    expect(found).toBeDefined();
    expect(await new SnapshotCache(directory, 'k1').find()).toBe(found);
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const bytes = readFileSync(found ?? '');
    expect(bytes.length).toBe(1 << 20);
    expect(bytes.every((byte) => byte === bytes[0])).toBe(true);
  });

  it('deletes snapshots and temporary files left unused by other versions, and touches the one it finds', async () => {
    const directory = temporaryDirectory();
    const old = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const ours = (await new SnapshotCache(directory, 'k1').store(Buffer.from('ours'))) ?? '';
    utimesSync(ours, old, old);
    expect(await new SnapshotCache(directory, 'k1').find()).toBe(ours);
    expect(Date.now() - statSync(ours).mtimeMs).toBeLessThan(3600 * 1000);
    const recent = join(directory, 'pyodide-k0-recent.snapshot');
    const stale = join(directory, 'pyodide-k0-stale.snapshot');
    const abandoned = join(directory, 'pyodide-k0-stale.snapshot.1-x.tmp');
    for (const path of [recent, stale, abandoned]) writeFileSync(path, 'other version');
    utimesSync(stale, old, old);
    utimesSync(abandoned, old, old);
    const stored = await new SnapshotCache(directory, 'k2').store(Buffer.from('new version'));
    expect(readdirSync(directory).sort()).toEqual(
      [ours, recent, stored ?? ''].map((path) => path.slice(directory.length + 1)).sort(),
    );
  });

  it('lives under CODEACT_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultSnapshotCacheDir({ CODEACT_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c/pyodide');
    expect(defaultSnapshotCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/codeact/pyodide');
    expect(defaultSnapshotCacheDir({})).toMatch(/\/\.cache\/codeact\/pyodide$/);
  });
});

describe('PyodideExecutor snapshot cache', () => {
  it('stores the snapshot of a one-session run and boots the next runs from it, lean or not', async () => {
    const cache = temporaryDirectory();
    expect(await printOne(cache)).toEqual({ stdout: '1\n', snapshot: 'pending' });
    const [stored] = snapshots(cache);
    expect(stored).toBeDefined();
    expect(await printOne(cache)).toEqual({ stdout: '1\n', snapshot: 'ready' });
    expect(await printOne(cache, false)).toEqual({ stdout: '1\n', snapshot: 'ready' });
    expect(snapshots(cache)).toEqual([stored]);
  }, 120_000);

  it('replaces a cached snapshot that does not boot, and the session still works', async () => {
    const cache = temporaryDirectory();
    await printOne(cache);
    const [stored = ''] = snapshots(cache);
    // Bytes that match their file name but are no interpreter: half of a real snapshot.
    const half = readFileSync(join(cache, stored)).subarray(0, 1 << 20);
    const digest = createHash('sha256').update(half).digest('hex');
    const broken = stored.replace(/-[0-9a-f]{64}\.snapshot$/, `-${digest}.snapshot`);
    rmSync(join(cache, stored));
    writeFileSync(join(cache, broken), half);
    expect(await printOne(cache)).toEqual({ stdout: '1\n', snapshot: 'ready' });
    const [rebuilt] = snapshots(cache);
    expect(rebuilt).toBeDefined();
    expect(rebuilt).not.toBe(broken);
    expect(await printOne(cache)).toEqual({ stdout: '1\n', snapshot: 'ready' });
  }, 180_000);
});
