import { readdirSync, readFileSync } from 'node:fs';
import { createToolHost, defineTool, type Executor, type ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPythonExecutor } from './create-python-executor.js';
import { waitUntilGone } from './wait-for-tree.js';

type ProcessInfo = { pid: number; parent: number; state: string; name: string };

function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state = '', parent = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.push({ pid: Number(entry), parent: Number(parent), state, name });
    } catch {
      // Exited while listing.
    }
  }
  return processes;
}

/** Running (non-zombie) descendants of this test process. */
function liveDescendants(): ProcessInfo[] {
  const all = listProcesses();
  const found: ProcessInfo[] = [];
  const parents = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const info of all) {
      if (parents.has(info.parent) && !parents.has(info.pid)) {
        parents.add(info.pid);
        found.push(info);
        grew = true;
      }
    }
  }
  return found.filter((info) => info.state !== 'Z');
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const tools = createToolHost([
  defineTool({
    name: 'echo',
    description: 'Returns its argument.',
    parameters: z.object({ value: z.string() }),
    execute: ({ value }) => value,
  }),
  defineTool({
    name: 'hang',
    description: 'Never returns.',
    parameters: z.object({}),
    execute: () => new Promise(() => {}),
  }),
]);

describe.each([
  { label: 'under bubblewrap', sandbox: true },
  { label: 'without a sandbox', sandbox: false },
])('PythonSession $label', ({ sandbox }) => {
  let executor: Executor;
  let session: ExecutorSession;

  beforeAll(async () => {
    executor = await createPythonExecutor({ sandbox });
    session = await executor.createSession({ tools });
  });

  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
  });

  it('returns each open matplotlib figure as a PNG artifact and closes it', async () => {
    const execution = await session.execute({
      code: 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.figure()\nplt.bar(["a"], [1])\nplt.show()',
    });
    expect(execution.error).toBeUndefined();
    expect(execution.stderr).toBe('');
    expect(execution.artifacts.map((artifact) => [artifact.name, artifact.mimeType])).toEqual([
      ['figure-1.png', 'image/png'],
      ['figure-2.png', 'image/png'],
    ]);
    const png = Buffer.from(execution.artifacts[0]?.data ?? '', 'base64');
    expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect((await session.execute({ code: 'plt.get_fignums()' })).result).toBe('[]');
  });

  it('kills a C-level loop shortly after its deadline and restarts', async () => {
    await session.execute({ code: 'kept = 1' });
    const started = performance.now();
    const execution = await session.execute({ code: 'sum(range(10**12))', timeoutMs: 200 });
    const overrun = performance.now() - started - 200;
    expect(execution.timedOut).toBe(true);
    expect(execution.stateLost).toBe(true);
    expect(execution.error?.name).toBe('TimeoutError');
    expect(execution.error?.message).toMatch(/^Timed out after 0\.2 seconds\./);
    expect(overrun).toBeLessThan(250);
    expect((await session.execute({ code: '"kept" in globals()' })).result).toBe('False');
  });

  it('interrupts code blocked in a tool call', async () => {
    const execution = await session.execute({ code: 'x = 5\nhang()', timeoutMs: 100 });
    expect(execution.error?.name).toBe('TimeoutError');
    expect(execution.error?.traceback).toContain('hang()');
    expect(execution.stateLost).toBeUndefined();
    expect((await session.execute({ code: 'echo(str(x))' })).result).toBe("'5'");
  });

  it('reports a segfault with the faulthandler dump and restarts', async () => {
    const execution = await session.execute({ code: 'import ctypes\nctypes.string_at(0)' });
    expect(execution.stateLost).toBe(true);
    expect(execution.error?.name).toBe('InterpreterCrashed');
    expect(execution.error?.message).toContain('SIGSEGV');
    expect(execution.stderr).toContain('Fatal Python error: Segmentation fault');
    expect((await session.execute({ code: '1 + 1' })).result).toBe('2');
  });

  it('carries large and non-ASCII payloads through the protocol intact', async () => {
    const text = 'héllo ☃ 😀 \\u0000 end';
    const execution = await session.execute({
      code: `big = "ab" * 100_000\nprint(${JSON.stringify(text)})\necho(big) == big`,
    });
    expect(execution.stdout).toBe(`${text}\n`);
    expect(execution.result).toBe('True');
    expect((await session.execute({ code: 'big' })).result?.length).toBe(200_002);
  });

  it('shows output written straight to the file descriptors as stderr', async () => {
    const execution = await session.execute({
      code: 'import os, subprocess\nos.write(1, b"raw\\n")\nsubprocess.run(["echo", "child"])',
    });
    expect(execution.stdout).toBe('');
    expect(execution.stderr).toBe('raw\nchild\n');
  });

  it('runs concurrent calls one after another', async () => {
    const executions = await Promise.all(
      [1, 2, 3].map((n) =>
        session.execute({ code: `import time\ntime.sleep(0.01)\norder = globals().get("order", []) + [${n}]\norder` }),
      ),
    );
    expect(executions.at(-1)?.result).toBe('[1, 2, 3]');
  });

  it('leaves no process behind after close, including children of the code', async () => {
    const before = new Set(liveDescendants().map((info) => info.pid));
    const temporary = await executor.createSession();
    const pending = temporary
      .execute({ code: 'import subprocess, time\nsleeper = subprocess.Popen(["sleep", "300"])\ntime.sleep(300)' })
      .catch((error: unknown) => error);
    let started: ReturnType<typeof liveDescendants> = [];
    await waitUntilGone(() => {
      started = liveDescendants().filter((info) => !before.has(info.pid));
      return !started.some((info) => info.name === 'sleep');
    });
    expect(started.some((info) => info.name === 'sleep')).toBe(true);
    await temporary.close();
    expect(String(await pending)).toMatch(/closed/);
    expect(started.filter((info) => isRunning(info.pid))).toEqual([]);
  });

  it('rejects an execution in flight when the session closes', async () => {
    const temporary = await executor.createSession();
    const pending = temporary.execute({ code: 'import time\ntime.sleep(30)' }).catch((error: unknown) => error);
    await temporary.close();
    expect(String(await pending)).toMatch(/closed/);
  });

  it('honours an abort signal while the session starts', async () => {
    const controller = new AbortController();
    const pending = executor.createSession({ abortSignal: controller.signal });
    controller.abort(new Error('not now'));
    await expect(pending).rejects.toThrow('not now');
  });
});
