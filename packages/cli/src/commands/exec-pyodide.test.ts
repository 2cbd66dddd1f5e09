import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const bin = join(repoRoot, 'packages/cli/bin/codeact.js');
const cache = await mkdtemp(join(tmpdir(), 'codeact-cache-'));

afterAll(() => rm(cache, { recursive: true, force: true }));

/** `codeact exec -i pyodide -` as a real process, the code on stdin. */
function exec(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [bin, 'exec', '-i', 'pyodide', '-'],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', CODEACT_CACHE_DIR: cache }, timeout: 120_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin?.end(code);
  });
}

describe('codeact exec -i pyodide', () => {
  it('stores the interpreter snapshot in CODEACT_CACHE_DIR on the first run and boots the next from it', async () => {
    expect(await exec('print(1)\n')).toBe('1\n');
    const stored = await readdir(join(cache, 'pyodide'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^pyodide-[0-9a-f]{16}-[0-9a-f]{64}\.snapshot$/);
    const file = join(cache, 'pyodide', stored[0] ?? '');
    const { ino } = await stat(file);
    expect(await exec('import sys; print(sys.platform)\n')).toBe('emscripten\n');
    // Read, not rewritten: a second snapshot would have been renamed into place as a new file.
    expect(await readdir(join(cache, 'pyodide'))).toEqual(stored);
    expect((await stat(file)).ino).toBe(ino);
  }, 240_000);
});
