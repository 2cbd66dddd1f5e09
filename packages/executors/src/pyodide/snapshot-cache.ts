import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeFiles } from './runtime-files.js';

/** Pyodide's files whose size and modification time stand for their contents in the key. */
const pyodideFiles = ['pyodide.asm.wasm', 'pyodide.asm.mjs', 'pyodide.mjs', 'python_stdlib.zip'];
/** The runtime scripts that shape the interpreter before the snapshot is taken, hashed whole. */
const runtimeScripts = ['worker.mjs', 'confine.mjs', 'snapshot-restore.mjs'];
/** Snapshots of other keys (older Pyodide or codeact versions) unused for this long are deleted. */
const staleMs = 7 * 24 * 3600 * 1000;
/** Temporary files of writers that died mid-write. */
const abandonedMs = 3600 * 1000;

/**
 * Where snapshots persist between runs: `$CODEACT_CACHE_DIR/pyodide`, else
 * `$XDG_CACHE_HOME/codeact/pyodide`, else `~/.cache/codeact/pyodide`; false without a home directory.
 */
export function defaultSnapshotCacheDir(env: NodeJS.ProcessEnv = process.env): string | false {
  if (env.CODEACT_CACHE_DIR) return join(env.CODEACT_CACHE_DIR, 'pyodide');
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'codeact', 'pyodide');
  try {
    return join(homedir(), '.cache', 'codeact', 'pyodide');
  } catch {
    // No home directory: no cache across runs (never a shared guessable path such as /tmp).
    return false;
  }
}

/** Names what a snapshot depends on: the Pyodide version and build, and the scripts that boot it. */
export function snapshotKey(files: RuntimeFiles): string {
  const hash = createHash('sha256').update(`pyodide ${files.pyodideVersion}\n`);
  for (const name of pyodideFiles) {
    const stat = statSync(join(files.pyodideDir, name));
    hash.update(`${name} ${stat.size} ${stat.mtimeMs}\n`);
  }
  for (const name of runtimeScripts) hash.update(readFileSync(join(files.runtimeDir, name)));
  return hash.digest('hex').slice(0, 16);
}

function digestOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function digestOfFile(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', () => resolve(undefined))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Memory snapshots kept on disk across processes, one per key, named
 * `pyodide-<key>-<sha256 of the bytes>.snapshot`; one found is touched, and storing one deletes the
 * snapshots nobody used for a week. Written to a temporary name and renamed, so
 * concurrent writers never expose a partial file; a file whose bytes do not match its name is
 * deleted when found. Every failure reads as "no snapshot": callers then boot cold and store anew.
 */
export class SnapshotCache {
  readonly directory: string;
  private readonly prefix: string;

  constructor(directory: string, key: string) {
    this.directory = directory;
    this.prefix = `pyodide-${key}-`;
  }

  /** A stored snapshot whose bytes match its digest, if any. */
  async find(): Promise<string | undefined> {
    for (const name of await this.names()) {
      const path = join(this.directory, name);
      const digest = name.slice(this.prefix.length, -'.snapshot'.length);
      if ((await digestOfFile(path)) === digest) {
        // Marks it used, so pruning by other versions leaves it alone.
        const now = new Date();
        await utimes(path, now, now).catch(() => {});
        return path;
      }
      await rm(path, { force: true }).catch(() => {});
    }
    return undefined;
  }

  /**
   * Stores `bytes` atomically; the path, or undefined. Processes that raced to make the snapshot may
   * leave one file each (any of them boots); `find` picks the same one in every process.
   */
  async store(bytes: Buffer): Promise<string | undefined> {
    try {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      const path = join(this.directory, `${this.prefix}${digestOf(bytes)}.snapshot`);
      const temporary = `${path}.${process.pid}-${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, path);
      } finally {
        await rm(temporary, { force: true });
      }
      await this.prune(path);
      return path;
    } catch {
      return undefined;
    }
  }

  /** Deletes a snapshot that failed to boot, so the next run rebuilds it. */
  async discard(path: string): Promise<void> {
    await rm(path, { force: true }).catch(() => {});
  }

  /** Deletes other versions' snapshots unused for a week and temporary files left for an hour. */
  private async prune(keep: string): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(this.directory).catch(() => [] as string[])) {
      const path = join(this.directory, name);
      const age = name.endsWith('.tmp') ? abandonedMs : name.endsWith('.snapshot') ? staleMs : undefined;
      if (age === undefined || path === keep) continue;
      const modified = await stat(path).then(
        (each) => each.mtimeMs,
        () => now,
      );
      if (now - modified > age) await this.discard(path);
    }
  }

  private async names(): Promise<string[]> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    return names.filter((name) => name.startsWith(this.prefix) && name.endsWith('.snapshot')).sort();
  }
}
