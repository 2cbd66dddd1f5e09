import { createToolHost, defineTool, type Executor } from '@codeact/core';
import { executorContract } from '@codeact/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJupyterExecutor, jupyterServerLocation } from './create-jupyter-executor.js';
import { startTemporaryJupyter, type TemporaryJupyter } from './start-temporary-jupyter.js';

let server: TemporaryJupyter;
beforeAll(async () => {
  server = await startTemporaryJupyter();
});
afterAll(async () => {
  await server?.stop();
});

executorContract({
  name: 'JupyterExecutor',
  createExecutor: () => createJupyterExecutor({ url: server.url, token: server.token, interruptGraceMs: 2000 }),
  timeoutMs: 1500,
});

describe('JupyterExecutor on a Jupyter server', () => {
  let executor: Executor;
  beforeAll(async () => {
    // The token travels in the URL here, as `--interpreter jupyter:http://…/?token=…` gives it.
    executor = await createJupyterExecutor({ url: `${server.url}?token=${server.token}`, env: {} });
  });
  afterAll(async () => {
    await executor?.dispose();
  });

  it('returns matplotlib figures as PNG artifacts', async () => {
    const session = await executor.createSession();
    try {
      const execution = await session.execute({
        code: 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\nprint("drawn")',
      });
      expect(execution.error).toBeUndefined();
      expect(execution.stdout).toBe('drawn\n');
      expect(execution.artifacts).toHaveLength(1);
      expect(execution.artifacts[0]).toMatchObject({ type: 'image', mimeType: 'image/png', name: 'figure-1.png' });
      expect(
        Buffer.from(execution.artifacts[0]?.data ?? '', 'base64')
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    } finally {
      await session.close();
    }
  });

  it('runs tools on the host: the kernel sees a stub, never the tool source or its secrets', async () => {
    const secret = 'sk-host-only-4f1d';
    const tools = createToolHost([
      defineTool({
        name: 'lookup',
        description: 'Looks a key up with a host credential.',
        parameters: z.object({ key: z.string() }),
        execute: ({ key }) => `${key}:${secret.length}`,
      }),
    ]);
    const session = await executor.createSession({ tools });
    try {
      const execution = await session.execute({
        code: 'import inspect\nprint(lookup("a"))\nsource = inspect.getsource(lookup)\nprint("__codeact_call_tool__" in source, "sk-" in source)',
      });
      expect(execution.error).toBeUndefined();
      expect(execution.stdout).toBe('a:17\nTrue False\n');
      // Built at run time, so the cell's own source (kept in IPython's history) does not hold it.
      const globals = await session.execute({
        code: 'needle = "sk-host-" + "only-4f1d"\nprint(any(needle in repr(v) for k, v in list(globals().items()) if k != "needle"))',
      });
      expect(globals.stdout).toBe('False\n');
    } finally {
      await session.close();
    }
  });

  it('shuts its kernel down when the session closes', async () => {
    const list = async () => {
      const response = await fetch(`${server.url}api/kernels`, { headers: { Authorization: `token ${server.token}` } });
      return ((await response.json()) as { id: string }[]).length;
    };
    const before = await list();
    const session = await executor.createSession();
    expect(await list()).toBe(before + 1);
    await session.close();
    expect(await list()).toBe(before);
  });

  it('refuses a wrong token with the fix', async () => {
    const attempt = createJupyterExecutor({ url: server.url, token: 'wrong-token', env: {} }).then((wrong) =>
      wrong.createSession().finally(() => wrong.dispose()),
    );
    await expect(attempt).rejects.toThrow(
      /Jupyter server at http:\/\/127\.0\.0\.1:\d+\/.*CODEACT_JUPYTER_TOKEN|Cannot start a python3 kernel/,
    );
  });
});

describe('jupyterServerLocation', () => {
  it('takes the token from the URL, else the environment, and derives the WebSocket base', () => {
    expect(jupyterServerLocation('https://gw.example:8888/jupyter/?token=abc', undefined, {})).toEqual({
      baseUrl: 'https://gw.example:8888/jupyter/',
      wsUrl: 'wss://gw.example:8888/jupyter/',
      token: 'abc',
      display: 'https://gw.example:8888/jupyter/',
    });
    expect(jupyterServerLocation('http://h:1', undefined, { CODEACT_JUPYTER_TOKEN: 'env' }).token).toBe('env');
    expect(() => jupyterServerLocation('ftp://h', undefined, {})).toThrow(/http:\/\/ or https:\/\//);
  });
});
