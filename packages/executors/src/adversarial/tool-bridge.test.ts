import { createToolHost, defineTool, type Executor, type ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPyodideExecutor } from '../pyodide/pyodide-executor.js';
import { createPythonExecutor } from '../python/create-python-executor.js';

// Abusive tool calls: oversized arguments, call floods, many threads calling at once. The host must
// stay bounded and the session usable afterwards.
const interpreters: [string, () => Executor | Promise<Executor>][] = [
  ['python', () => createPythonExecutor()],
  ['pyodide', () => createPyodideExecutor({ poolSize: 0 })],
];

const echo = defineTool({
  name: 'echo',
  description: 'Returns its text after a short wait.',
  parameters: z.object({ text: z.string() }),
  execute: async ({ text }) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return text;
  },
});
const count = defineTool({
  name: 'count',
  description: 'Returns 1.',
  parameters: z.object({}),
  execute: () => 1,
});

for (const [name, create] of interpreters) {
  describe(`tool bridge under abuse (${name})`, () => {
    let executor: Executor;
    let session: ExecutorSession;
    beforeAll(async () => {
      executor = await create();
      session = await executor.createSession({
        tools: createToolHost([echo, count], { maxArgumentChars: 1024 * 1024, maxCallsPerAction: 50 }),
      });
    });
    afterAll(async () => {
      await session.close();
      await executor.dispose();
    });

    it('rejects a 64 MiB argument with a TypeError and keeps the session', async () => {
      const execution = await session.execute({
        code: [
          'kept = 7',
          'try:',
          "    echo(text='x' * (64 * 1024 * 1024))",
          'except TypeError as error:',
          "    print('rejected:', error)",
        ].join('\n'),
      });
      expect(execution.stdout).toMatch(/^rejected: Arguments to echo\(\) exceed 1048576 characters/);
      const after = await session.execute({ code: "print(kept, echo(text='still here'))" });
      expect(after.stdout).toBe('7 still here\n');
    });

    it('stops a flood of calls at the per-action budget with ToolError, then allows calls again', async () => {
      const execution = await session.execute({
        code: [
          'made = 0',
          'try:',
          '    for _ in range(100000):',
          '        count()',
          '        made += 1',
          'except ToolError as error:',
          "    print(made, 'then:', error)",
        ].join('\n'),
      });
      expect(execution.stdout).toBe('50 then: This action made more than 50 tool calls; no more are allowed in it.\n');
      expect((await session.execute({ code: 'print(count())' })).stdout).toBe('1\n');
    });
  });
}

describe('tool bridge with threads (python)', () => {
  let executor: Executor;
  let session: ExecutorSession;
  beforeAll(async () => {
    executor = await createPythonExecutor();
    session = await executor.createSession({ tools: createToolHost([echo]) });
  });
  afterAll(async () => {
    await session.close();
    await executor.dispose();
  });

  it('answers 40 threads calling a tool at once, and the next action runs normally', async () => {
    const execution = await session.execute({
      timeoutMs: 20_000,
      code: [
        'from concurrent.futures import ThreadPoolExecutor',
        'with ThreadPoolExecutor(40) as pool:',
        "    results = list(pool.map(lambda i: echo(text=f'call {i}'), range(40)))",
        "print(results == [f'call {i}' for i in range(40)])",
      ].join('\n'),
    });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('True\n');
    const next = await session.execute({ code: "print(echo(text='next'))", timeoutMs: 5_000 });
    expect(next.stdout).toBe('next\n');
  });
});
