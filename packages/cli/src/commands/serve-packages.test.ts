import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveTestIndex, type TestIndex } from '@codeact/executors/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const token = 'test-token-0123456789abcdef';
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

type Detail = {
  activeTurn: unknown;
  turns: { trajectory: { outcome: { answer?: string }; steps: { execution?: { stdout: string } }[] } }[];
  interpreter: { lost?: unknown };
};

const answerOf = (detail: Detail) => detail.turns.at(-1)?.trajectory.outcome.answer;
const stdoutOf = (detail: Detail) => detail.turns.at(-1)?.trajectory.steps[0]?.execution?.stdout;

/** `codeact serve` in this process until `stop()`. */
async function startServe(dataDir: string, script: string, env: Record<string, string>, index: TestIndex) {
  const controller = new AbortController();
  let stdout = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true, isTTY: false },
    stdin: (async function* () {})(),
    env: { CODEACT_TOKEN: token, ...env },
    cwd: dataDir,
    abortSignal: controller.signal,
  };
  const args = [
    'serve',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--model',
    `script:${script}`,
    '--interpreter',
    'python',
    // One preloaded sandbox: the conversation's site dir then moves into a pool member, as in production.
    '--pool-size',
    '1',
  ];
  const exit = runCli([...args, '--packages', 'allow', '--index-url', index.url], io);
  const started = Date.now();
  while (!stdout.includes('http://') && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
  const url = stdout.trim().replace(/\/$/, '');
  return {
    api: (path: string, init: RequestInit = {}) => fetch(`${url}/api${path}`, { headers, ...init }),
    stop: async () => {
      controller.abort();
      return exit;
    },
  };
}

async function turn(api: (path: string, init?: RequestInit) => Promise<Response>, id: string, text: string) {
  const before = ((await (await api(`/conversations/${id}`)).json()) as Detail).turns.length;
  const posted = await api(`/conversations/${id}/messages`, { method: 'POST', body: JSON.stringify({ text }) });
  expect(posted.status).toBe(202);
  for (const started = Date.now(); Date.now() - started < 90_000; await new Promise((r) => setTimeout(r, 100))) {
    const detail = (await (await api(`/conversations/${id}`)).json()) as Detail;
    if (detail.turns.length > before && detail.activeTurn === null) return detail;
  }
  throw new Error('the turn did not end');
}

describe('codeact serve: packages are part of the conversation', () => {
  let root: string;
  let index: TestIndex;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'codeact-serve-packages-'));
    await chmod(root, 0o755);
    index = await serveTestIndex(join(root, 'index'));
  });

  afterAll(async () => {
    await index?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('installs in a turn, exports them, and reinstalls from the cache before replaying after a restart', async () => {
    const dataDir = join(root, 'data');
    const env = { CODEACT_PACKAGE_CACHE: join(root, 'cache') };
    const reply = (text: string) => JSON.stringify({ reply: text });
    const script = join(root, 'model.jsonl');
    const install = '%pip install codeact-tiny-app\nimport tiny_app\nprint(tiny_app.ANSWER)';
    await writeFile(script, [reply(`<execute>\n${install}\n</execute>`), reply('<solution>42</solution>')].join('\n'));

    const server = await startServe(dataDir, script, env, index);
    const created = await server.api('/conversations', { method: 'POST', body: JSON.stringify({}) });
    const id = ((await created.json()) as { conversation: { id: string } }).conversation.id;
    const installed = await turn(server.api, id, 'install it');
    expect(stdoutOf(installed)).toBe('Installed codeact-tiny-app 0.1, codeact-tiny-dep 1.0\n42\n');
    expect(answerOf(installed)).toBe('42');
    expect(await (await server.api(`/conversations/${id}/requirements.txt`)).text()).toBe(
      'codeact-tiny-app==0.1\ncodeact-tiny-dep==1.0\n',
    );
    const notebook = (await (await server.api(`/conversations/${id}/export.ipynb`)).json()) as {
      cells: { cell_type: string; source: string[] }[];
    };
    expect(notebook.cells[1]).toMatchObject({
      cell_type: 'code',
      source: ['%pip install codeact-tiny-app==0.1 codeact-tiny-dep==1.0'],
    });
    expect(await server.stop()).toBe(0);

    // The packages are lost from the site dir (its record stays): the restart brings them back from the cache.
    const siteDir = join(dataDir, 'workdirs', '.site', id);
    for (const name of await readdir(siteDir)) {
      if (name !== 'codeact-packages.json') await rm(join(siteDir, name), { recursive: true });
    }
    const downloads = index.requests.length;
    const use = 'print(tiny_app.ANSWER + 1)';
    await writeFile(script, [reply(`<execute>\n${use}\n</execute>`), reply('<solution>43</solution>')].join('\n'));
    const restarted = await startServe(dataDir, script, env, index);
    const detail = await turn(restarted.api, id, 'one more');
    expect(detail.interpreter.lost).toBeUndefined();
    expect(stdoutOf(detail)).toBe('43\n');
    expect(answerOf(detail)).toBe('43');
    expect(index.requests).toHaveLength(downloads);
    expect(await restarted.stop()).toBe(0);
  }, 180_000);
});
