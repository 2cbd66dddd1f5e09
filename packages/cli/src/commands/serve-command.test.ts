import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');

/** The command's io, collecting what it writes; `abort` ends `serve`. */
function serveIo(env: Record<string, string>) {
  const controller = new AbortController();
  const written = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (written.stdout += text) },
    stderr: { write: (text: string) => (written.stderr += text), isTTY: false },
    stdin: (async function* () {})(),
    env,
    cwd: repoRoot,
    abortSignal: controller.signal,
  };
  return { io, written, abort: () => controller.abort() };
}

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
    const flags = '--port 0 --model script:examples/fibonacci.jsonl --preload none'.split(' ');
    const exit = runCli(['serve', ...flags, '--data-dir', dataDir], io);
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

  it('serves conversations from its warm pool of preloaded interpreters and reports the pool in /api/stats', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'codeact-serve-'));
    const { io, written, abort } = serveIo({ CODEACT_TOKEN: 'test-token-0123456789abcdef' });
    const args = ['serve', '--port', '0', '--data-dir', dataDir, '--model', 'script:examples/fibonacci.jsonl'];
    const exit = runCli([...args, '--interpreter', 'python', '--preload', 'json,decimal', '--pool-size', '1'], io);
    try {
      const started = Date.now();
      while (!written.stdout.includes('http://') && Date.now() - started < 20_000)
        await new Promise((r) => setTimeout(r, 50));
      const url = written.stdout.trim();
      const headers = { authorization: 'Bearer test-token-0123456789abcdef', 'content-type': 'application/json' };
      const api = async (path: string, body?: unknown) => {
        const init = body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) };
        return (await (await fetch(`${url}api/${path}`, init)).json()) as Record<string, never>;
      };
      const { conversation } = (await api('conversations', {})) as { conversation: { id: string } };
      await api(`conversations/${conversation.id}/messages`, { text: 'the 20th Fibonacci number' });
      let detail: { turns: unknown[]; activeTurn: unknown } = { turns: [], activeTurn: null };
      while (detail.turns.length === 0 && Date.now() - started < 60_000) {
        await new Promise((r) => setTimeout(r, 100));
        detail = (await api(`conversations/${conversation.id}`)) as typeof detail;
      }
      expect(JSON.stringify(detail.turns)).toContain('6765');
      expect(written.stderr).not.toContain('Traceback');
      const { pools } = (await api('stats')) as {
        pools: Record<string, { size: number; preload: string[]; servedWarm: number; servedCold: number }>;
      };
      expect(pools.python).toMatchObject({ size: 1, preload: ['json', 'decimal'], servedWarm: 1, servedCold: 0 });
    } finally {
      abort();
      expect(await exit).toBe(0);
    }
  }, 90_000);

  it('refuses a module --preload cannot find, in one line', async () => {
    const { io, written } = serveIo({});
    const code = await runCli(['exec', '--interpreter', 'python', '--preload', 'json,no_such_module_x', '-'], io);
    expect(code).toBe(2);
    expect(written.stderr.trim().split('\n')).toHaveLength(1);
    expect(written.stderr).toContain('--preload: no module named no_such_module_x');
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
