import { lstat, opendir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes } from '../cgroups/session-cgroup.js';

/** How much a session may store: its work directory (bytes and files) and its /tmp (files). */
export type DiskQuota = { readonly workDirBytes: number; readonly workDirFiles: number; readonly tmpFiles: number };

/** How often a running action's disk use is measured (an action shorter than this is not polled). */
export const diskPollMs = 1000;

/** Files (and directories) and bytes under `root`, walking no further than `maxFiles` + 1 entries. */
export async function measureTree(root: string, maxFiles: number): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const pending = [root];
  while (pending.length > 0 && files <= maxFiles) {
    const directory = pending.pop() ?? root;
    let handle: Awaited<ReturnType<typeof opendir>>;
    try {
      handle = await opendir(directory);
    } catch {
      continue;
    }
    for await (const entry of handle) {
      files += 1;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) bytes += (await statSize(path)) ?? 0;
      if (files > maxFiles) break;
    }
  }
  return { files, bytes };
}

async function statSize(path: string): Promise<number | undefined> {
  try {
    return (await lstat(path)).size;
  } catch {
    return undefined;
  }
}

/**
 * Polls a running action's disk use: the work directory on the host, and /tmp through the
 * interpreter's `/proc/<pid>/root` (a tmpfs, so one statfs). `onExceeded` gets the observation text.
 */
export function watchDisk(
  quota: DiskQuota,
  workDir: string,
  interpreterPid: () => number | undefined,
  onExceeded: (message: string) => void,
): () => void {
  let busy = false;
  let done = false;
  const check = async () => {
    if (busy || done) return;
    busy = true;
    try {
      const work = await measureTree(workDir, quota.workDirFiles);
      let message: string | undefined;
      if (work.files > quota.workDirFiles) message = `more than ${quota.workDirFiles} files in the work directory`;
      else if (work.bytes > quota.workDirBytes)
        message = `more than ${formatBytes(quota.workDirBytes)} in the work directory`;
      const pid = interpreterPid();
      if (message === undefined && pid !== undefined) {
        const tmp = await statfs(`/proc/${pid}/root/tmp`).catch(() => undefined);
        if (tmp && tmp.files - tmp.ffree > quota.tmpFiles) message = `more than ${quota.tmpFiles} files in /tmp`;
      }
      if (message !== undefined && !done) onExceeded(`Disk quota exceeded: ${message}; the action was stopped.`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), diskPollMs);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
