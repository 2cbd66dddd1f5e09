import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotCache } from './snapshot-cache.js';

export type MemorySnapshotState = 'off' | 'pending' | 'ready' | 'failed';

const directories = new Set<string>();
let exitHookInstalled = false;

function removeDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
  directories.delete(directory);
}

/**
 * A memory image of a freshly booted interpreter (Pyodide's private `makeMemorySnapshot` /
 * `_loadSnapshot`), taken before any user code or tool stub runs. Children boot from it about 5x
 * faster than cold. With a `cache` it is found on disk from an earlier run (`load`) and stored there
 * once made; else it lives in a private temporary directory. Children read it only through their
 * permission flags. A cached snapshot that fails to boot is deleted and made anew once; any other
 * failure turns snapshots off and children boot cold.
 */
export class MemorySnapshot {
  private current: MemorySnapshotState;
  private file: string | undefined;
  private readonly cache: SnapshotCache | undefined;
  private fromCache = false;
  private rebuilt = false;
  private loading = false;

  constructor(enabled: boolean, cache?: SnapshotCache) {
    this.current = enabled ? 'pending' : 'off';
    this.cache = enabled ? cache : undefined;
  }

  /** Looks for a snapshot stored by an earlier run; children wait for this before booting. */
  async load(): Promise<void> {
    if (!this.cache || this.current !== 'pending' || this.file !== undefined) return;
    this.loading = true;
    try {
      const found = await this.cache.find();
      if (found && this.current === 'pending' && this.file === undefined) {
        this.file = found;
        this.fromCache = true;
        this.current = 'ready';
      }
    } finally {
      this.loading = false;
    }
  }

  /** True when the snapshot file came from the disk cache (for diagnostics and tests). */
  get cached(): boolean {
    return this.fromCache;
  }

  get state(): MemorySnapshotState {
    return this.current;
  }

  /** The snapshot file once it is usable. */
  get path(): string | undefined {
    return this.current === 'ready' ? this.file : undefined;
  }

  /** A child is making the snapshot: new children are cheaper once it is saved. */
  get making(): boolean {
    return this.loading || (this.current === 'pending' && this.file !== undefined);
  }

  /** True exactly once, for the child that should make the snapshot. */
  claimMaker(): boolean {
    if (this.current !== 'pending' || this.file !== undefined || this.loading) return false;
    this.file = '';
    return true;
  }

  async save(bytes: Buffer | undefined): Promise<void> {
    if (this.current !== 'pending') return;
    if (!bytes) {
      this.fail();
      return;
    }
    const stored = await this.cache?.store(bytes);
    if (stored) {
      if (this.current !== 'pending') return;
      this.file = stored;
      this.fromCache = true;
      this.current = 'ready';
      return;
    }
    try {
      const directory = mkdtempSync(join(tmpdir(), 'codeact-pyodide-'));
      directories.add(directory);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once('exit', () => {
          for (const each of directories) removeDirectory(each);
        });
      }
      this.file = join(directory, 'snapshot.bin');
      await writeFile(this.file, bytes, { mode: 0o600 });
      if (this.current === 'pending') this.current = 'ready';
    } catch {
      this.fail();
    }
  }

  /** Stops using the snapshot (a child failed to boot from it, or it could not be made). */
  fail(): void {
    if (this.fromCache && this.file && this.cache && !this.rebuilt && this.current === 'ready') {
      // Corrupt or from another build: delete it and let the next cold child make a new one.
      void this.cache.discard(this.file);
      this.file = undefined;
      this.fromCache = false;
      this.rebuilt = true;
      this.current = 'pending';
      return;
    }
    this.dispose();
    this.current = 'failed';
  }

  dispose(): void {
    if (this.file && !this.fromCache) {
      const directory = join(this.file, '..');
      if (directories.has(directory)) removeDirectory(directory);
    }
    if (this.current === 'ready' || this.current === 'pending') this.current = 'off';
  }
}
