import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');

describe('codeact serve', () => {
  it('serves the API behind the token until aborted', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'codeact-serve-'));
    const controller = new AbortController();
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      stdin: (async function* () {})(),
      env: { CODEACT_TOKEN: 'test-token-0123456789abcdef' },
      cwd: repoRoot,
      abortSignal: controller.signal,
    };
    const exit = runCli(
      ['serve', '--port', '0', '--data-dir', dataDir, '--model', 'script:examples/fibonacci.jsonl'],
      io,
    );
    const started = Date.now();
    while (!stdout.includes('http://') && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    const url = stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    expect((await fetch(`${url}api/conversations`)).status).toBe(401);
    const listed = await fetch(`${url}api/conversations`, {
      headers: { authorization: 'Bearer test-token-0123456789abcdef' },
    });
    expect(listed.status).toBe(200);
    expect(stderr).not.toContain('test-token-0123456789abcdef');
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('refuses a non-loopback address without --allow-remote', async () => {
    let stderr = '';
    const io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      stdin: (async function* () {})(),
      env: {},
      cwd: repoRoot,
      abortSignal: new AbortController().signal,
    };
    const dataDir = await mkdtemp(join(tmpdir(), 'codeact-serve-'));
    const code = await runCli(
      [
        'serve',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--model',
        'script:examples/fibonacci.jsonl',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/allow-remote/);
  });
});
