import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = resolve(here, '../../bin/codeact.js');
const inspector = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/build/cli.js');
const token = 'mcp-serve-token-0123456789';
type TextResult = { content: { text?: string }[] };
const textOf = (result: unknown) => ((result as TextResult).content[0]?.text ?? '').trim();

async function scriptFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-serve-'));
  const path = join(dir, 'script.jsonl');
  await writeFile(
    path,
    ['<execute>\nprint(6 * 7)\n</execute>', '<solution>42</solution>']
      .map((reply) => JSON.stringify({ reply }))
      .join('\n'),
  );
  return path;
}

describe('codeact mcp serve (stdio)', () => {
  it('serves a persistent Python session and run_agent to the SDK client', async () => {
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [bin, 'mcp', 'serve', '--model', `script:${await scriptFile()}`],
        stderr: 'pipe',
      }),
    );
    try {
      await client.callTool({ name: 'python', arguments: { code: 'x = 5' } });
      expect(textOf(await client.callTool({ name: 'python', arguments: { code: 'print(x * 3)' } }))).toBe('15');
      expect(textOf(await client.callTool({ name: 'run_agent', arguments: { task: 'What is 6 * 7?' } }))).toMatch(
        /^Answer: 42\n/,
      );
    } finally {
      await client.close();
    }
  });

  it('answers the MCP inspector CLI', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        inspector,
        '--cli',
        process.execPath,
        bin,
        'mcp',
        'serve',
        '--method',
        'tools/call',
        '--tool-name',
        'python',
        '--tool-arg',
        'code=print(2**10)',
      ],
      // The inspector CLI looks for ../package.json from the working directory, then imports it from its own.
      { cwd: resolve(here, '..') },
    );
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toEqual({ content: [{ type: 'text', text: '1024' }] });
  });
});

describe('/mcp on codeact serve', () => {
  it('serves one sandbox per MCP session behind the access token', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'codeact-mcp-http-'));
    const controller = new AbortController();
    const { io, stdout } = bufferedIo({ cwd: dataDir, env: { CODEACT_TOKEN: token } });
    const args = ['serve', '--port', '0', '--data-dir', dataDir, '--model', `script:${await scriptFile()}`];
    const exit = runCli([...args, '--preload', 'none'], {
      ...io,
      abortSignal: controller.signal,
    });
    const started = Date.now();
    while (!stdout().includes('http://') && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    const url = new URL('mcp', stdout().trim());
    try {
      const anonymous = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(anonymous.status).toBe(401);
      const connect = async () => {
        const client = new Client({ name: 'test', version: '1' });
        await client.connect(
          new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
        );
        return client;
      };
      const [a, b] = [await connect(), await connect()];
      await a.callTool({ name: 'python', arguments: { code: 'who = "a"' } });
      await b.callTool({ name: 'python', arguments: { code: 'who = "b"' } });
      expect(textOf(await a.callTool({ name: 'python', arguments: { code: 'print(who)' } }))).toBe('a');
      expect(textOf(await b.callTool({ name: 'python', arguments: { code: 'print(who)' } }))).toBe('b');
      await a.close();
      await b.close();
    } finally {
      controller.abort();
      expect(await exit).toBe(0);
    }
  });
});
