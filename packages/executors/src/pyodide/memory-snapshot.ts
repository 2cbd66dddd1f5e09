import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
 * faster than cold. Kept in a private temporary directory, readable by the children only through
 * their permission flags; any failure turns it off and children boot cold.
 */
export class MemorySnapshot {
  private current: MemorySnapshotState;
  private file: string | undefined;

  constructor(enabled: boolean) {
    this.current = enabled ? 'pending' : 'off';
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
    return this.current === 'pending' && this.file !== undefined;
  }

  /** True exactly once, for the child that should make the snapshot. */
  claimMaker(): boolean {
    if (this.current !== 'pending' || this.file !== undefined) return false;
    this.file = '';
    return true;
  }

  async save(bytes: Buffer | undefined): Promise<void> {
    if (this.current !== 'pending') return;
    if (!bytes) {
      this.fail();
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
    this.dispose();
    this.current = 'failed';
  }

  dispose(): void {
    if (this.file) {
      const directory = join(this.file, '..');
      if (directories.has(directory)) removeDirectory(directory);
    }
    if (this.current === 'ready' || this.current === 'pending') this.current = 'off';
  }
}
