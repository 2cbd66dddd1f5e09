import { readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

const attempts = 3;

async function moveEntries(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) await rename(join(from, name), join(to, name));
}

/**
 * Puts the directory `source` (a pool member's work dir, bound into its running sandbox) at
 * `target`, an existing directory on the same filesystem: `target`'s entries move into `source`
 * first, then `source` is renamed over the emptied `target` (the bind mount follows the rename).
 * Returns false, with `target`'s entries given back, when it cannot be done (another filesystem,
 * files arriving in `target` all the while).
 */
export async function moveWorkDir(source: string, target: string): Promise<boolean> {
  const [from, to] = await Promise.all([stat(source), stat(target)]);
  if (from.dev !== to.dev) return false;
  try {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      await moveEntries(target, source);
      try {
        await rename(source, target);
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') break;
      }
    }
  } catch {
    // Fall through: give back what was moved.
  }
  await moveEntries(source, target).catch(() => {});
  return false;
}
