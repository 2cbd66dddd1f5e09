import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A file in the cache: the archive's own name and the sha256 of its bytes. */
export type CachedFile = { readonly file: string; readonly sha256: string };

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The content-addressed store of downloaded archives, shared by every session: `<dir>/sha256/<hex>/<file>`.
 * An entry is written once (by rename) and re-hashed whenever it is used.
 */
export class WheelCache {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
  }

  private pathOf(entry: CachedFile): string {
    if (!/^[0-9a-f]{64}$/.test(entry.sha256) || entry.file.includes('/')) throw new Error('bad cache entry');
    return join(this.directory, 'sha256', entry.sha256, entry.file);
  }

  /** Moves a downloaded archive into the cache under its hash. */
  async add(path: string, file: string): Promise<CachedFile> {
    const entry = { file, sha256: await sha256Of(path) };
    const target = this.pathOf(entry);
    if (await exists(target)) {
      await rm(path, { force: true });
      return entry;
    }
    await mkdir(join(this.directory, 'sha256', entry.sha256), { recursive: true });
    await rename(path, target).catch(async () => {
      await copyFile(path, target);
      await rm(path, { force: true });
    });
    return entry;
  }

  /** Puts a cached archive into `directory` under its own name; false when missing or altered. */
  async take(entry: CachedFile, directory: string): Promise<boolean> {
    const path = this.pathOf(entry);
    if (!(await exists(path)) || (await sha256Of(path)) !== entry.sha256) return false;
    const target = join(directory, entry.file);
    await link(path, target).catch(() => copyFile(path, target));
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
