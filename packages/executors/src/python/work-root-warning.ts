import { mkdir } from 'node:fs/promises';
import { canTraverseTo } from './grant-to-sandbox.js';
import { resolveRunAs } from './python-executor-options.js';

/**
 * A one-line warning when the sandbox uid cannot reach `workRoot` (e.g. a root host whose data dir
 * sits under `/root`, mode 0700): sessions there run bwrap as the host user, so `RLIMIT_NPROC`
 * (`maxProcesses`) is not enforced for them and only a cgroup, where usable, bounds their processes.
 * Undefined when the host is not root or the sandbox uid reaches the directory (created when missing).
 */
export async function workRootWarning(workRoot: string): Promise<string | undefined> {
  const runAs = resolveRunAs({}, true);
  if (runAs === undefined) return undefined;
  await mkdir(workRoot, { recursive: true });
  if (await canTraverseTo(workRoot, runAs)) return undefined;
  return (
    `the sandbox user (uid ${runAs.uid}) cannot reach ${workRoot} (a parent directory is not searchable), ` +
    `so sandboxes there run bwrap as root and RLIMIT_NPROC is not enforced (the cgroup's pids limit still is, where cgroups are usable); ` +
    `pass --data-dir with a searchable path (e.g. /var/lib/codeact) to fix this`
  );
}
