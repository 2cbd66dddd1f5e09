import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Executor, ExecutorSession, OutputChunk } from '../executor/executor.js';
import { defineTool } from '../tool/define-tool.js';
import { createToolHost } from '../tool/tool-host.js';
import { cellSemanticsCases } from './cell-semantics-cases.js';

export type ExecutorContractOptions = {
  /** Suite title, e.g. `PythonExecutor`. */
  readonly name: string;
  readonly createExecutor: () => Promise<Executor> | Executor;
  /** Per-action timeout used by the timeout cases. Default 500 ms. */
  readonly timeoutMs?: number;
};

/** Resolved by a test when it has seen live output, releasing the Python code blocked in `wait_for_host`. */
let release: (() => void) | undefined;

const contractTools = () =>
  createToolHost([
    defineTool({
      name: 'wait_for_host',
      description: 'Blocks until the host test releases it; returns whether it was released.',
      parameters: z.object({}),
      returns: 'bool',
      timeoutMs: 20_000,
      execute: () =>
        new Promise<boolean>((resolve) => {
          release = () => resolve(true);
        }),
    }),
    defineTool({
      name: 'add',
      description: 'Adds two integers.',
      parameters: z.object({ a: z.number().int(), b: z.number().int() }),
      returns: 'int',
      execute: ({ a, b }) => a + b,
    }),
    defineTool({
      name: 'fetch_record',
      description: 'Returns a record after a short delay (an async tool).',
      parameters: z.object({ key: z.string(), upper: z.boolean().optional() }),
      execute: async ({ key, upper }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { key: upper ? key.toUpperCase() : key, tags: ['a', 'b'], score: 1.5, missing: null };
      },
    }),
    defineTool({
      name: 'calc.mul',
      description: 'Multiplies two integers (a tool in the calc namespace).',
      parameters: z.object({ a: z.number().int(), b: z.number().int() }),
      returns: 'int',
      execute: ({ a, b }) => a * b,
    }),
    defineTool({
      name: 'explode',
      description: 'Always fails.',
      parameters: z.object({}),
      execute: () => {
        throw new Error('boom');
      },
    }),
    defineTool({
      name: 'slow',
      description: 'Never finishes within its limit.',
      parameters: z.object({}),
      timeoutMs: 50,
      execute: () => new Promise(() => {}),
    }),
  ]);

/**
 * The behaviour every `Executor` must have. Run it from each implementation's test file:
 *
 * @example
 * executorContract({ name: 'PythonExecutor', createExecutor: () => createPythonExecutor() });
 */
export function executorContract(options: ExecutorContractOptions): void {
  const timeoutMs = options.timeoutMs ?? 500;

  describe(`${options.name} (executor contract)`, () => {
    let executor: Executor;
    let session: ExecutorSession;

    beforeAll(async () => {
      executor = await options.createExecutor();
      session = await executor.createSession({ tools: contractTools() });
    });

    afterAll(async () => {
      await session?.close();
      await executor?.dispose();
    });

    const run = (code: string, timeout?: number) =>
      session.execute(timeout === undefined ? { code } : { code, timeoutMs: timeout });

    it('keeps variables, imports and functions between actions', async () => {
      await run('import math\nx = 41\ndef twice(n):\n    return 2 * n');
      const execution = await run('print(x + 1, twice(math.floor(2.5)))');
      expect(execution.stdout).toBe('42 4\n');
      expect(execution.error).toBeUndefined();
    });

    it('counts executions', async () => {
      const first = await run('pass');
      const second = await run('pass');
      expect(second.executionCount).toBe(first.executionCount + 1);
    });

    it('returns a raised exception as data with its traceback', async () => {
      const execution = await run('print("before")\n1 / 0');
      expect(execution.stdout).toBe('before\n');
      expect(execution.error?.name).toBe('ZeroDivisionError');
      expect(execution.error?.message).toBe('division by zero');
      expect(execution.error?.traceback).toContain('Traceback (most recent call last)');
      expect(execution.error?.traceback.trimEnd().endsWith('ZeroDivisionError: division by zero')).toBe(true);
    });

    it('returns a syntax error as data', async () => {
      const execution = await run('def broken(:\n    pass');
      expect(execution.error?.name).toBe('SyntaxError');
      expect(execution.error?.traceback).toContain('SyntaxError');
    });

    it('shows the repr of a trailing expression, but not of None or a statement', async () => {
      expect((await run('y = [1, "a"]\ny')).result).toBe("[1, 'a']");
      expect((await run('None')).result).toBeUndefined();
      expect((await run('z = 3')).result).toBeUndefined();
      expect((await run('print("p")\n"s"')).stdout).toBe('p\n');
    });

    it('captures stdout and stderr separately', async () => {
      const execution = await run('import sys\nprint("out")\nprint("err", file=sys.stderr)');
      expect(execution.stdout).toBe('out\n');
      expect(execution.stderr).toBe('err\n');
    });

    it('reads nothing from standard input', async () => {
      const execution = await run('try:\n    input()\nexcept EOFError as e:\n    print("EOF")');
      expect(execution.stdout).toBe('EOF\n');
    });

    it('caps captured output and says how much was dropped', async () => {
      const execution = await run('print("x" * 5_000_000)');
      expect(execution.stdout.length).toBeLessThan(5_000_000);
      expect(execution.truncatedBytes).toBeGreaterThan(0);
    });

    it('streams output while the action runs, before it ends', async () => {
      const chunks: OutputChunk[] = [];
      const execution = await session.execute({
        code: 'import sys\nprint("first")\nreleased = wait_for_host()\nprint("second", released, file=sys.stderr)',
        onOutput: (chunk) => {
          chunks.push(chunk);
          if (chunk.text.includes('first')) release?.();
        },
      });
      expect(execution.error).toBeUndefined();
      expect(execution.stderr).toBe('second True\n');
      // How a stream's bytes are split into chunks depends on timing; their order and content do not.
      expect(mergeRuns(chunks)).toEqual([
        { stream: 'stdout', text: 'first\n' },
        { stream: 'stderr', text: 'second True\n' },
      ]);
    });

    it('streams every byte in order, matching the final output', async () => {
      const chunks: OutputChunk[] = [];
      const code = [
        'import sys',
        'for i in range(3000):',
        '    print(i, "é" * (i % 3))',
        '    if i % 250 == 0:',
        '        print("e", i, file=sys.stderr)',
      ].join('\n');
      const execution = await session.execute({ code, onOutput: (chunk) => chunks.push(chunk) });
      let expected = '';
      for (let i = 0; i < 3000; i += 1) {
        expected += `out:${i} ${'é'.repeat(i % 3)}\n`;
        if (i % 250 === 0) expected += `err:e ${i}\n`;
      }
      const joined = (stream: OutputChunk['stream']) =>
        chunks
          .filter((chunk) => chunk.stream === stream)
          .map((chunk) => chunk.text)
          .join('');
      expect(joined('stdout')).toBe(execution.stdout);
      expect(joined('stderr')).toBe(execution.stderr);
      const interleaved = mergeRuns(chunks)
        .flatMap((run) => run.text.split(/(?<=\n)/).map((line) => `${run.stream.slice(3)}:${line}`))
        .join('');
      expect(interleaved).toBe(expected);
    });

    it('calls TypeScript tools as Python functions with real signatures', async () => {
      const execution = await run(
        'import inspect\nprint(add(2, b=3))\nprint(inspect.signature(add))\nprint(add.__doc__)',
      );
      expect(execution.error).toBeUndefined();
      expect(execution.stdout).toBe('5\n(a: int, b: int) -> int\nAdds two integers.\n');
    });

    it('groups dotted tool names in a namespace', async () => {
      const execution = await run(
        'import inspect\nprint(calc.mul(3, b=4))\nprint(inspect.signature(calc.mul))\nprint(calc.mul.__doc__)',
      );
      expect(execution.error).toBeUndefined();
      expect(execution.stdout).toBe(
        '12\n(a: int, b: int) -> int\nMultiplies two integers (a tool in the calc namespace).\n',
      );
    });

    it('passes JSON values both ways through async tools', async () => {
      const execution = await run(
        'r = fetch_record("k", upper=True)\nprint(r["key"], r["tags"], r["score"], r["missing"])',
      );
      expect(execution.stdout).toBe("K ['a', 'b'] 1.5 None\n");
    });

    it('raises tool failures as Python exceptions the code can catch', async () => {
      const execution = await run(
        [
          'for call in (lambda: explode(), lambda: add("x", 1), lambda: slow()):',
          '    try:',
          '        call()',
          '    except Exception as e:',
          '        print(type(e).__name__, "|", e)',
        ].join('\n'),
      );
      expect(execution.error).toBeUndefined();
      const lines = execution.stdout.trim().split('\n');
      expect(lines[0]).toBe('ToolError | boom');
      expect(lines[1]).toMatch(/^TypeError \| add\(\) got invalid arguments: a: /);
      expect(lines[2]).toMatch(/^TimeoutError \| slow\(\) timed out after 50 ms\.$/);
    });

    it('stops a runaway Python loop at the deadline and keeps the session usable', async () => {
      await run('kept = "yes"');
      const started = performance.now();
      const execution = await run('while True:\n    pass', timeoutMs);
      const elapsed = performance.now() - started;
      expect(execution.timedOut).toBe(true);
      expect(execution.error?.name).toBe('TimeoutError');
      expect(elapsed).toBeLessThan(timeoutMs + 3000);
      const after = await run('print("alive")');
      expect(after.stdout).toBe('alive\n');
    });

    it('stops code that swallows the interrupt, losing state and saying so', async () => {
      await run('marker = 1');
      const execution = await run(
        'import time\nwhile True:\n    try:\n        time.sleep(0.01)\n    except BaseException:\n        pass',
        timeoutMs,
      );
      expect(execution.timedOut).toBe(true);
      expect(execution.stateLost).toBe(true);
      const after = await run('print("marker" in globals(), add(1, 1))');
      expect(after.stdout).toBe('False 2\n');
    });

    it('stops a C-level loop that ignores interrupts', async () => {
      const execution = await run('sum(range(10**13))', timeoutMs);
      expect(execution.timedOut).toBe(true);
      expect(execution.error?.name).toBe('TimeoutError');
      expect((await run('print("after")')).stdout).toBe('after\n');
    });

    it('interrupts a sleeping action and keeps the state', async () => {
      await run('slept = "kept"');
      const execution = await run('import time\ntime.sleep(60)', timeoutMs);
      expect(execution.timedOut).toBe(true);
      expect(execution.stateLost).not.toBe(true);
      expect((await run('print(slept)')).stdout).toBe('kept\n');
    });

    it('restarts after the interpreter dies and reports the lost state', async () => {
      await run('before_crash = 1');
      const crashed = await run('import os\nos._exit(3)');
      expect(crashed.stateLost).toBe(true);
      expect(crashed.error).toBeDefined();
      const after = await run('print("before_crash" in globals(), add(2, 2))');
      expect(after.stdout).toBe('False 4\n');
    });

    it('honours an abort signal during an action', async () => {
      const controller = new AbortController();
      const pending = session.execute({ code: 'import time\ntime.sleep(30)', abortSignal: controller.signal });
      setTimeout(() => controller.abort(new Error('stop now')), 100);
      await expect(pending).rejects.toThrow('stop now');
      expect((await run('print(1)')).stdout).toBe('1\n');
    });

    it('keeps sessions isolated from each other', async () => {
      const other = await executor.createSession();
      try {
        await run('secret_value = 7');
        const execution = await other.execute({ code: 'print("secret_value" in globals())' });
        expect(execution.stdout).toBe('False\n');
      } finally {
        await other.close();
      }
    });

    cellSemanticsCases({
      run: (code) => run(code),
      createSession: () => executor.createSession({ tools: contractTools() }),
    });

    it('closes idempotently and refuses work afterwards', async () => {
      const temporary = await executor.createSession();
      await temporary.close();
      await temporary.close();
      await expect(temporary.execute({ code: 'print(1)' })).rejects.toThrow(/closed/);
    });
  });
}

/** Adjacent chunks of the same stream joined into one. */
function mergeRuns(chunks: readonly OutputChunk[]): OutputChunk[] {
  const runs: OutputChunk[] = [];
  for (const chunk of chunks) {
    const last = runs.at(-1);
    if (last?.stream === chunk.stream) runs[runs.length - 1] = { stream: last.stream, text: last.text + chunk.text };
    else runs.push(chunk);
  }
  return runs;
}
