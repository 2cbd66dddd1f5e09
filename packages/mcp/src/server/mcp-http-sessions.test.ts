import type { Executor } from '@codeact/core';
import { ScriptedModel } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeActMcpServer } from './create-codeact-mcp-server.js';
import { createMcpHttpSessions } from './mcp-http-sessions.js';

type TextResult = { content: { text?: string }[]; isError?: boolean };
const textOf = (result: unknown) => ((result as TextResult).content[0]?.text ?? '').trim();

describe('MCP HTTP sessions', () => {
  let executor: Executor;
  let closed = 0;
  const sessions = createMcpHttpSessions(
    async () => {
      const instance = await createCodeActMcpServer({ executor, model: new ScriptedModel([]) });
      return {
        server: instance.server,
        async close() {
          closed += 1;
          await instance.close();
        },
      };
    },
    { idleMs: 400 },
  );
  // The SDK client speaks HTTP to the endpoint's Web-standard handler directly.
  const connect = async () => {
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://codeact.test/mcp'), {
        fetch: (input, init) => sessions.handle(new Request(input, init)),
      }),
    );
    return client;
  };

  beforeAll(async () => {
    executor = await createPythonExecutor();
  });

  afterAll(async () => {
    await sessions.close();
    await executor?.dispose();
  });

  it('keeps a session through a call longer than the idle limit, then closes it and its sandbox when idle', async () => {
    const client = await connect();
    expect(sessions.size).toBe(1);
    const slow = await client.callTool({
      name: 'python',
      arguments: { code: 'import time\nx = 41\ntime.sleep(1.2)\nprint(x + 1)' },
    });
    expect(textOf(slow)).toBe('42');
    expect(closed).toBe(0);
    const deadline = Date.now() + 15_000;
    while (sessions.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessions.size).toBe(0);
    expect(closed).toBeGreaterThanOrEqual(1);
    await expect(client.callTool({ name: 'python', arguments: { code: 'print(x)' } })).rejects.toThrow(
      /Unknown MCP session/,
    );
    await client.close().catch(() => {});
  }, 30_000);
});
