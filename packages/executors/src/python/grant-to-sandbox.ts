import { chmod, chown, lstat, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { RunAs } from './python-executor-options.js';

/**
 * Hands a directory this host created for the sandbox to the unprivileged uid bwrap runs as, so
 * the sandbox can write it without any wider permission bits. Does nothing when bwrap keeps the
 * host's uid. Never used on a directory the caller supplied.
 */
export async function grantToSandbox(runAs: RunAs | undefined, directory: string): Promise<void> {
  if (runAs === undefined) return;
  await chown(directory, runAs.uid, runAs.gid);
}

/**
 * Opens the REPL's bytecode directory (trusted, public code, bound read-only) to every uid, so the
 * sandbox reads it whichever host uid it runs as, including the root fallback.
 */
export async function shareReadOnly(directory: string, files: readonly string[]): Promise<void> {
  await chmod(directory, 0o755);
  for (const file of files) await chmod(join(directory, file), 0o644);
}

/** Hands `directory` and everything in it (symlinks left alone) to the sandbox uid. */
export async function grantTreeToSandbox(runAs: RunAs, directory: string): Promise<void> {
  await chown(directory, runAs.uid, runAs.gid);
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await grantTreeToSandbox(runAs, path);
    else if ((await lstat(path)).isFile()) await chown(path, runAs.uid, runAs.gid);
  }
}

/** Whether `directory` lies strictly inside `root`, both resolved through symlinks. */
export async function isInside(directory: string, root: string): Promise<boolean> {
  const [child, parent] = await Promise.all([realpath(directory), realpath(root).catch(() => undefined)]);
  if (parent === undefined) return false;
  const path = relative(parent, child);
  return path !== '' && !path.startsWith(`..${sep}`) && path !== '..' && !path.startsWith(sep);
}

/** Whether `uid`/`gid` can reach `directory`: execute permission on every ancestor. */
export async function canTraverseTo(directory: string, runAs: RunAs): Promise<boolean> {
  let current = dirname(await realpath(directory));
  for (;;) {
    const info = await stat(current);
    const bits = info.uid === runAs.uid ? 0o100 : info.gid === runAs.gid ? 0o010 : 0o001;
    if ((info.mode & bits) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}
