import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
async function startServe(
  dataDir: string,
  script: string,
  env: Record<string, string>,
  index: TestIndex,
  policy: readonly string[] = ['--packages', 'allow'],
) {
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
    // Cold sessions keep the test lean (a pooled session's site dir is tested in the executors package).
    '--preload',
    'none',
  ];
  const exit = runCli([...args, ...policy, '--index-url', index.url], io);
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

type SseEvent = { event: string; data: string };

/** Reads a conversation's event stream until the turn ends, calling `onEvent` for each event. */
async function followTurn(response: Response, onEvent: (event: SseEvent) => Promise<void>): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const field = (name: string) =>
        block
          .split('\n')
          .filter((line) => line.startsWith(`${name}:`))
          .map((line) => line.slice(name.length + 1).trim())
          .join('\n');
      const event = { event: field('event'), data: field('data') };
      await onEvent(event);
      if (event.event === 'turn-end') {
        await reader.cancel();
        return;
      }
    }
  }
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

    // The site dir is lost (e.g. a new work volume): the store's record and the cache bring it back.
    await rm(join(dataDir, 'workdirs', '.site', id), { recursive: true });
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

  it('asks the user by default: the install waits for the approval answered over the API, like the UI dialog', async () => {
    const dataDir = join(root, 'asking');
    const script = join(root, 'asking.jsonl');
    const code = 'install_packages(["codeact-tiny-dep"])\nimport tiny_dep\nprint(tiny_dep.VALUE)';
    const replies = [`<execute>\n${code}\n</execute>`, '<solution>7</solution>'];
    await writeFile(script, replies.map((text) => JSON.stringify({ reply: text })).join('\n'));
    const server = await startServe(dataDir, script, { CODEACT_PACKAGE_CACHE: join(root, 'cache') }, index, []);
    try {
      const created = await server.api('/conversations', { method: 'POST', body: JSON.stringify({}) });
      const id = ((await created.json()) as { conversation: { id: string } }).conversation.id;
      const posted = await server.api(`/conversations/${id}/messages`, { method: 'POST', body: '{"text":"go"}' });
      expect(posted.status).toBe(202);
      const asked: unknown[] = [];
      await followTurn(await server.api(`/conversations/${id}/events?follow=turn`), async ({ event, data }) => {
        if (event !== 'agent') return;
        const agent = JSON.parse(data) as { type: string; callId?: string; toolName?: string; args?: unknown };
        if (agent.type !== 'tool-approval-request') return;
        asked.push({ toolName: agent.toolName, args: agent.args });
        const answer = JSON.stringify({ answer: 'allow' });
        await server.api(`/conversations/${id}/approvals/${agent.callId}`, { method: 'POST', body: answer });
      });
      expect(asked).toEqual([{ toolName: 'install_packages', args: { packages: ['codeact-tiny-dep'] } }]);
      const detail = (await (await server.api(`/conversations/${id}`)).json()) as Detail;
      expect(stdoutOf(detail)).toBe('Installed codeact-tiny-dep 1.0\n7\n');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
