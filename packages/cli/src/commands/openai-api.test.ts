import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const tools = resolve(fileURLToPath(import.meta.url), '../../__fixtures__/tools/units.py');
const token = 'openai-test-token-0123456789';

async function writeScript(dir: string, name: string, replies: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
  return path;
}

/** `codeact serve` on a free port until `stop()`; resolves once it prints its URL. */
async function serve(dataDir: string, script: string) {
  const controller = new AbortController();
  const { io, stdout } = bufferedIo({ cwd: dataDir, env: { CODEACT_TOKEN: token } });
  const exit = runCli(
    // --preload none: these conversations need no preloaded pool (it is tested in serve-command.test.ts).
    [
      ...'serve --port 0 --preload none'.split(' '),
      '--data-dir',
      dataDir,
      '--model',
      `script:${script}`,
      '--tools',
      tools,
    ],
    { ...io, abortSignal: controller.signal },
  );
  const started = Date.now();
  while (!stdout().includes('http://') && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
  const url = stdout().trim();
  return {
    url,
    client: new OpenAI({ baseURL: `${url}v1`, apiKey: token }),
    stop: async () => {
      controller.abort();
      return exit;
    },
  };
}

describe('the OpenAI-compatible API of codeact serve', () => {
  it('continues one interpreter across calls, streaming and not, and after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-openai-'));
    const first = await writeScript(dir, 'first.jsonl', [
      '<execute>\nx = 21\nprint(round(celsius(212)))\n</execute>',
      'x is 21.',
      '<execute>\nprint(x * 2)\n</execute>',
      'Twice x is 42.',
    ]);
    const second = await writeScript(dir, 'second.jsonl', ['<execute>\nprint(x + 1)\n</execute>', 'x + 1 is 22.']);

    const server = await serve(dir, first);
    const models = await server.client.models.list();
    const model = models.data[0]?.id ?? '';
    expect(model).toBe(`script:${first}`);

    const reply1 = await server.client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Set x to 21.' }],
    });
    const content1 = reply1.choices[0]?.message.content ?? '';
    expect(content1).toBe('```python\nx = 21\nprint(round(celsius(212)))\n```\n\n```text\n100\n```\n\nx is 21.');
    expect(reply1.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });

    const history = [
      { role: 'user' as const, content: 'Set x to 21.' },
      { role: 'assistant' as const, content: content1 },
    ];
    const stream = await server.client.chat.completions.create({
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [...history, { role: 'user', content: 'Double it.' }],
    });
    let content2 = '';
    let usage: unknown;
    for await (const chunk of stream) {
      content2 += chunk.choices[0]?.delta.content ?? '';
      usage ??= chunk.usage ?? undefined;
    }
    expect(content2).toBe('```python\nprint(x * 2)\n```\n\n```text\n42\n```\n\nTwice x is 42.');
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });

    const listed = await fetch(`${server.url}api/conversations`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await listed.json()) as { conversations: unknown[] }).conversations).toHaveLength(1);
    expect(await server.stop()).toBe(0);

    const restarted = await serve(dir, second);
    try {
      const reply3 = await restarted.client.chat.completions.create({
        model: `script:${second}`,
        messages: [
          ...history,
          { role: 'user', content: 'Double it.' },
          { role: 'assistant', content: content2 },
          { role: 'user', content: 'Add one.' },
        ],
      });
      expect(reply3.choices[0]?.message.content).toBe(
        '```python\nprint(x + 1)\n```\n\n```text\n22\n```\n\nx + 1 is 22.',
      );
      const again = await fetch(`${restarted.url}api/conversations`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await again.json()) as { conversations: unknown[] }).conversations).toHaveLength(1);
    } finally {
      await restarted.stop();
    }
  });

  it('answers OpenAI-shaped errors: bad token, unknown model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-openai-'));
    const server = await serve(dir, await writeScript(dir, 's.jsonl', ['hi']));
    try {
      const wrong = new OpenAI({ baseURL: `${server.url}v1`, apiKey: 'wrong-token-0123456789', maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toMatchObject({ status: 401 });
      await expect(
        server.client.chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'hi' }] }),
      ).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    } finally {
      await server.stop();
    }
  });
});
