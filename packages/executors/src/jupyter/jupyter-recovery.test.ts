import { createToolHost, defineTool, type Executor, type ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJupyterExecutor } from './create-jupyter-executor.js';
import { startTcpProxy, type TcpProxy } from './start-tcp-proxy.js';
import { startTemporaryJupyter, type TemporaryJupyter } from './start-temporary-jupyter.js';

const kernelCount = async (server: TemporaryJupyter) => {
  const response = await fetch(`${server.url}api/kernels`, { headers: { Authorization: `token ${server.token}` } });
  return ((await response.json()) as { id: string }[]).length;
};

describe('JupyterExecutor on a server that gives up on a dying kernel', () => {
  let server: TemporaryJupyter;
  let executor: Executor;
  beforeAll(async () => {
    // No automatic restart at all: the first crash makes the server report the kernel dead.
    server = await startTemporaryJupyter({
      serverArgs: ['--KernelRestarter.restart_limit=0', '--KernelRestarter.time_to_dead=0.5'],
    });
    executor = await createJupyterExecutor({ url: server.url, token: server.token, env: {} });
  });
  afterAll(async () => {
    await executor?.dispose();
    await server?.stop();
  });

  it('moves the session to a fresh kernel, crash after crash, and leaves no dead kernel behind', async () => {
    const tools = createToolHost([
      defineTool({
        name: 'twice',
        description: 'Doubles a number on the host.',
        parameters: z.object({ n: z.number().int() }),
        returns: 'int',
        execute: ({ n }) => n * 2,
      }),
    ]);
    const session = await executor.createSession({ tools });
    try {
      for (const round of [1, 2]) {
        await session.execute({ code: `kept = ${round}` });
        const crashed = await session.execute({ code: 'import os\nos._exit(3)' });
        expect(crashed.error?.name).toBe('InterpreterCrashed');
        expect(crashed.stateLost).toBe(true);
        const after = await session.execute({ code: 'print("kept" in globals(), twice(21))' });
        expect(after.error).toBeUndefined();
        expect(after.stdout).toBe('False 42\n');
        expect(await kernelCount(server)).toBe(1);
      }
    } finally {
      await session.close();
    }
    expect(await kernelCount(server)).toBe(0);
  });
});

describe('JupyterExecutor behind a connection that drops', () => {
  let server: TemporaryJupyter;
  let proxy: TcpProxy;
  let executor: Executor;
  let session: ExecutorSession;
  beforeAll(async () => {
    server = await startTemporaryJupyter();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    const tools = createToolHost([
      defineTool({
        name: 'cut_connection',
        description: 'Cuts every connection to the Jupyter server while the cell waits for this reply.',
        parameters: z.object({}),
        returns: 'str',
        execute: async () => {
          proxy.dropAll();
          await new Promise((resolve) => setTimeout(resolve, 200));
          return 'answered';
        },
      }),
      defineTool({
        name: 'shout',
        description: 'Upper-cases a word on the host.',
        parameters: z.object({ word: z.string() }),
        returns: 'str',
        execute: ({ word }) => word.toUpperCase(),
      }),
    ]);
    executor = await createJupyterExecutor({ url: proxy.url, token: server.token, env: {} });
    session = await executor.createSession({ tools });
  });
  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
    await proxy?.close();
    await server?.stop();
  });

  it('reconnects its WebSocket and keeps the kernel state', async () => {
    await session.execute({ code: 'kept = "still here"' });
    const before = proxy.accepted;
    proxy.dropAll();
    const after = await session.execute({ code: 'print(kept)' });
    expect(after.error).toBeUndefined();
    expect(after.stdout).toBe('still here\n');
    expect(after.stateLost).toBeUndefined();
    expect(proxy.accepted).toBeGreaterThan(before);
  });

  it('finishes a cell whose connection drops while it runs, tool calls across the drop included', async () => {
    const before = proxy.accepted;
    const execution = await session.execute({
      code: 'reply = cut_connection()\nimport time\ntime.sleep(0.5)\nprint(reply, kept, shout(word="after"))',
    });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('answered still here AFTER\n');
    expect(proxy.accepted).toBeGreaterThan(before);
  });
});
