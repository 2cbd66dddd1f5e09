import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workRootWarning } from './work-root-warning.js';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function home(mode: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codeact-home-'));
  made.push(dir);
  await chmod(dir, mode);
  return dir;
}

const root = process.getuid?.() === 0;

describe('workRootWarning', () => {
  it('names a work root behind a directory the sandbox uid cannot search (root hosts only)', async () => {
    const workRoot = join(await home(0o700), '.codeact', 'workdirs');
    const warning = await workRootWarning(workRoot);
    // An unprivileged host runs bwrap as itself, which reaches its own directories.
    if (!root) expect(warning).toBeUndefined();
    else {
      expect(warning).toContain(`cannot reach ${workRoot}`);
      expect(warning).toContain('--data-dir');
    }
  });

  it('is silent when every parent is searchable, creating the root', async () => {
    const workRoot = join(await home(0o755), 'workdirs');
    expect(await workRootWarning(workRoot)).toBeUndefined();
    expect((await stat(workRoot)).isDirectory()).toBe(true);
  });
});
