import { randomBytes } from 'node:crypto';
import { constants, type ReadStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isSafeFileName } from './safe-file-name.js';

/** A file in a conversation's work dir, as listed to the user. */
export type WorkDirFile = { readonly name: string; readonly size: number; readonly modifiedAt: string };

export type WorkDirResult<T> =
  | { success: true; value: T; error?: never }
  | { success: false; value?: never; error: 'bad-name' | 'not-found' | 'too-large' | 'quota' | 'conflict' };

/** Top-level regular files of `root`; symlinks, directories and dotfiles are left out. */
export async function listWorkDirFiles(root: string): Promise<WorkDirFile[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const files: WorkDirFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isSafeFileName(entry.name)) continue;
    const stats = await lstat(join(root, entry.name)).catch(() => undefined);
    if (stats?.isFile()) files.push({ name: entry.name, size: stats.size, modifiedAt: stats.mtime.toISOString() });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Opens a top-level file for download. The last path component is opened with `O_NOFOLLOW` and must
 * be a regular file, so a symlink planted by sandboxed code never leads outside the work dir.
 */
export async function openWorkDirFile(
  root: string,
  name: string,
): Promise<WorkDirResult<{ stream: ReadStream; size: number }>> {
  if (!isSafeFileName(name)) return { success: false, error: 'bad-name' };
  const handle = await open(join(root, name), constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return { success: false, error: 'not-found' };
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return { success: false, error: 'not-found' };
  }
  return { success: true, value: { stream: handle.createReadStream({ autoClose: true }), size: stats.size } };
}

/** Bytes used under `root` (regular files, not following links), up to `limit` entries. */
export async function workDirUsage(root: string, limit = 10_000): Promise<number> {
  let total = 0;
  let seen = 0;
  const pending = [root];
  while (pending.length > 0 && seen < limit) {
    const directory = pending.pop() as string;
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      seen += 1;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) total += (await lstat(path).catch(() => undefined))?.size ?? 0;
    }
  }
  return total;
}

export type WriteWorkDirFileOptions = {
  readonly maxBytes: number;
  /** Bytes the whole work dir may hold after the write. */
  readonly quotaBytes: number;
};

/**
 * Streams an upload into the work dir: into a fresh temporary file (`O_EXCL`, never a link), then
 * renamed over the target, which replaces a planted symlink instead of following it.
 */
export async function writeWorkDirFile(
  root: string,
  name: string,
  body: ReadableStream<Uint8Array>,
  options: WriteWorkDirFileOptions,
): Promise<WorkDirResult<WorkDirFile>> {
  if (!isSafeFileName(name)) return { success: false, error: 'bad-name' };
  await mkdir(root, { recursive: true, mode: 0o700 });
  const used = await workDirUsage(root);
  const allowed = Math.min(options.maxBytes, options.quotaBytes - used);
  if (allowed <= 0) return { success: false, error: 'quota' };
  const temporary = join(root, `.upload-${randomBytes(8).toString('hex')}`);
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o644,
  );
  let size = 0;
  let failure: 'too-large' | 'quota' | undefined;
  try {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > allowed) {
        failure = size > options.maxBytes ? 'too-large' : 'quota';
        await reader.cancel().catch(() => {});
        break;
      }
      await handle.write(value);
    }
  } finally {
    await handle.close();
  }
  if (failure) {
    await rm(temporary, { force: true });
    return { success: false, error: failure };
  }
  const target = join(root, name);
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    await rm(temporary, { force: true });
    return { success: false, error: 'conflict' };
  }
  await rename(temporary, target);
  const stats = await lstat(target);
  return { success: true, value: { name, size: stats.size, modifiedAt: stats.mtime.toISOString() } };
}
