import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToolHost, defineTool, type ExecutorSession } from '@codeact/core';
import { executorContract } from '@codeact/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPyodideExecutor, type PyodideExecutor } from './pyodide-executor.js';

executorContract({ name: 'PyodideExecutor', createExecutor: () => createPyodideExecutor() });
executorContract({
  name: 'PyodideExecutor without bubblewrap',
  createExecutor: () => createPyodideExecutor({ bubblewrap: 'off' }),
});

const canary = `canary-${process.pid}-${Date.now()}`;

// Both with the OS namespaces and with the Node permission model and JS-level blocks alone.
for (const bubblewrap of ['auto', 'off'] as const) {
  describe(`PyodideExecutor confinement (bubblewrap: ${bubblewrap})`, () => {
    let executor: PyodideExecutor;
    let session: ExecutorSession;
    let server: Server;
    let connections = 0;
    let port = 0;

    beforeAll(async () => {
      process.env.CODEACT_PYODIDE_CANARY = canary;
      server = createServer((socket) => {
        connections += 1;
        socket.end('HTTP/1.0 200 OK\r\n\r\nreached');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
      executor = createPyodideExecutor({ bubblewrap });
      session = await executor.createSession();
    });

    afterAll(async () => {
      delete process.env.CODEACT_PYODIDE_CANARY;
      await session?.close();
      await executor?.dispose();
      await new Promise((resolve) => server?.close(resolve));
    });

    const run = async (code: string) => session.execute({ code, timeoutMs: 10_000 });

    it('runs cells in a real __main__ module', async () => {
      const execution = await run(
        [
          'import dataclasses, pickle, sys',
          '@dataclasses.dataclass',
          'class Point:',
          '    x: int',
          'print(pickle.loads(pickle.dumps(Point(1))), sys.modules["__main__"].Point is Point)',
        ].join('\n'),
      );
      expect(execution.stdout).toBe('Point(x=1) True\n');
    });

    it('captures bytes and low-level writes with the text output', async () => {
      const execution = await run(
        'import os, sys\nprint("a")\nsys.stdout.buffer.write("é\\n".encode())\nos.write(2, b"low\\n")',
      );
      expect(execution.stdout).toBe('a\né\n');
      expect(execution.stderr).toBe('low\n');
    });

    it('shows tool failures without the bridge frames', async () => {
      const tools = createToolHost([
        defineTool({
          name: 'explode',
          description: 'Fails.',
          parameters: z.object({}),
          execute: () => {
            throw new Error('boom');
          },
        }),
      ]);
      const withTools = await executor.createSession({ tools });
      try {
        const execution = await withTools.execute({ code: 'explode()' });
        expect(execution.error).toMatchObject({ name: 'ToolError', message: 'boom' });
        expect(execution.error?.traceback).toContain('line 1, in <module>');
        expect(execution.error?.traceback).not.toContain('<codeact-runner>');
      } finally {
        await withTools.close();
      }
    });

    it('does not show the host environment to Python', async () => {
      const execution = await run(
        'import os\nprint(any("CANARY" in k or "CANARY" in v for k, v in os.environ.items()))',
      );
      expect(execution.stdout).toBe('False\n');
      expect(execution.stdout).not.toContain(canary);
    });

    it('offers no js or pyodide_js module', async () => {
      for (const name of ['js', 'pyodide_js']) {
        const execution = await run(`import ${name}`);
        expect(execution.error?.name).toBe('ModuleNotFoundError');
      }
      const runJs = await run('from pyodide.code import run_js\nrun_js("process.env")');
      expect(runJs.error).toBeDefined();
    });

    // Every JS object Python can get hold of: proxies kept in module globals plus one it makes itself.
    const findProxies = [
      'import sys',
      'from pyodide.ffi import JsProxy, to_js',
      'proxies = [to_js({})]',
      'for module in list(sys.modules.values()):',
      '    for value in list(getattr(module, "__dict__", {}).values()):',
      '        if isinstance(value, JsProxy):',
      '            proxies.append(value)',
    ];

    it('cannot turn any JS object Python can reach into JS code', async () => {
      const execution = await run(
        [
          ...findProxies,
          'outcomes = set()',
          'for proxy in proxies:',
          '    try:',
          '        outcomes.add(str(proxy.constructor.constructor("return process.env")()))',
          '    except Exception as e:',
          '        outcomes.add(str(e).splitlines()[-1][:80])',
          'print(len(proxies) > 1)',
          'print(*sorted(outcomes), sep="\\n")',
        ].join('\n'),
      );
      expect(execution.error).toBeUndefined();
      const [found, ...outcomes] = execution.stdout.trim().split('\n');
      expect(found).toBe('True');
      expect(outcomes.length).toBeGreaterThan(0);
      for (const outcome of outcomes) expect(outcome).toMatch(/EvalError: Code generation from strings disallowed/);
    });

    it('cannot read host files, from Python or through the Pyodide JS API', async () => {
      const directory = mkdtempSync(join(tmpdir(), 'codeact-pyodide-test-'));
      const hostFile = join(directory, 'secret.txt');
      writeFileSync(hostFile, canary);
      try {
        expect((await run(`open(${JSON.stringify(hostFile)}).read()`)).error?.name).toBe('FileNotFoundError');
        expect((await run('open("/etc/hostname").read()')).error?.name).toBe('FileNotFoundError');
        const api = await run(
          [
            ...findProxies,
            'names = ("mountNodeFS", "loadBinaryFile", "_api", "_module", "FS", "runPython")',
            'print([name for proxy in proxies for name in names if hasattr(proxy, name)])',
          ].join('\n'),
        );
        expect(api.stdout).toBe('[]\n');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });

    it('has no network', async () => {
      const execution = await run(
        [
          'import socket, urllib.request',
          'for attempt in (',
          `    lambda: socket.create_connection(("127.0.0.1", ${port}), timeout=2),`,
          `    lambda: urllib.request.urlopen("http://127.0.0.1:${port}/", timeout=2).read(),`,
          '):',
          '    try:',
          '        print("connected", attempt())',
          '    except Exception as e:',
          '        print("blocked", type(e).__name__)',
        ].join('\n'),
      );
      expect(execution.stdout).toBe('blocked OSError\nblocked URLError\n');
      expect(connections).toBe(0);
    });

    it('stops a C-level loop at the deadline by replacing the interpreter', async () => {
      await run('kept = 1');
      const execution = await session.execute({ code: 'sum(range(10**12))', timeoutMs: 200 });
      expect(execution.timedOut).toBe(true);
      expect(execution.stateLost).toBe(true);
      expect(execution.error?.name).toBe('TimeoutError');
      expect((await run('print("kept" in globals())')).stdout).toBe('False\n');
    });

    it('interrupts time.sleep and keeps the state', async () => {
      await run('still_here = 1');
      const execution = await session.execute({ code: 'import time\ntime.sleep(20)', timeoutMs: 200 });
      expect(execution.timedOut).toBe(true);
      expect(execution.stateLost).toBeUndefined();
      expect(execution.error?.traceback).toContain('time.sleep(20)');
      expect(execution.error?.traceback).not.toContain('<codeact-runner>');
      expect((await run('print(still_here)')).stdout).toBe('1\n');
    });

    it('hands out a pre-booted interpreter from the warm pool', async () => {
      await executor.warmUp();
      expect(executor.poolStatus()).toMatchObject({ size: 1, ready: 1, starting: 0 });
      const pooled = await executor.createSession();
      try {
        expect(executor.poolStatus()).toMatchObject({ ready: 0, starting: 1 });
        expect((await pooled.execute({ code: '6 * 7' })).result).toBe('42');
      } finally {
        await pooled.close();
      }
    });

    it('mounts the work directory read-write at /work and nothing else of the host', async () => {
      const workDir = mkdtempSync(join(tmpdir(), 'codeact-pyodide-work-'));
      const worker = await executor.createSession({ workDir });
      try {
        const execution = await worker.execute({
          code: 'import os\nopen("note.txt", "w").write("from python")\nprint(os.getcwd(), sorted(os.listdir(".")))',
        });
        expect(execution.stdout).toBe("/work ['note.txt']\n");
        expect(readFileSync(join(workDir, 'note.txt'), 'utf8')).toBe('from python');
        expect((await worker.execute({ code: 'open("/etc/hostname").read()' })).error?.name).toBe('FileNotFoundError');
      } finally {
        await worker.close();
        rmSync(workDir, { recursive: true, force: true });
      }
    });
  });
}

/** Every process (bubblewrap and the Node inside) whose command line carries `tag`. */
function processesTagged(tag: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(tag);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('PyodideExecutor lifecycle', () => {
  it('leaves no process behind after dispose', async () => {
    const processTag = `codeact-test-${randomUUID()}`;
    const executor = createPyodideExecutor({ poolSize: 1, processTag });
    const tools = createToolHost([
      defineTool({
        name: 'echo',
        description: 'Echoes.',
        parameters: z.object({ text: z.string() }),
        execute: ({ text }) => text,
      }),
    ]);
    const session = await executor.createSession({ tools });
    expect((await session.execute({ code: 'echo("hi")' })).result).toBe("'hi'");
    await executor.warmUp();
    expect(processesTagged(processTag).length).toBeGreaterThanOrEqual(2);
    await executor.dispose();
    await executor.dispose();
    await expect.poll(() => processesTagged(processTag), { timeout: 2000 }).toEqual([]);
    await expect(session.execute({ code: 'print(1)' })).rejects.toThrow(/closed/);
    await expect(executor.createSession()).rejects.toThrow(/disposed/);
  });
});
