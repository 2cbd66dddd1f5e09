import { chmod, chown } from 'node:fs/promises';
import { join } from 'node:path';
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
