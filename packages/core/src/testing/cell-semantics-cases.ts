import { expect, it } from 'vitest';
import type { Execution } from '../executor/execution.js';
import type { ExecutorSession } from '../executor/executor.js';

export type CellSemanticsOptions = {
  /** Runs code in the contract's shared session (its tools include `add`). */
  readonly run: (code: string) => Promise<Execution>;
  /** A fresh session with the same tools, for cases that damage their interpreter. */
  readonly createSession: () => Promise<ExecutorSession>;
};

/** Every `File "…"` a traceback names. */
function filesOf(traceback: string): string[] {
  return [...traceback.matchAll(/^ {2}File "([^"]+)"/gm)].map((match) => match[1] ?? '');
}

/**
 * One cell semantics for every executor (architecture/executors.md, "Cell semantics"): cell names,
 * display and its suppression, tracebacks without runner frames (chained ones too), cut messages.
 */
export function cellSemanticsCases({ run, createSession }: CellSemanticsOptions): void {
  it('names cells `<cell N>` after their execution count', async () => {
    const execution = await run('def fails():\n    raise ValueError("x")\nfails()');
    const cell = `<cell ${execution.executionCount}>`;
    expect(filesOf(execution.error?.traceback ?? '')).toEqual([cell, cell]);
    const syntax = await run('x = (1,');
    expect(syntax.error?.traceback).toContain(`File "<cell ${syntax.executionCount}>", line 1`);
    expect(syntax.error?.message).toBe("'(' was never closed");
  });

  it('suppresses the display of a trailing expression ended by `;`, comments and blanks aside', async () => {
    expect((await run('1 + 1;')).result).toBeUndefined();
    expect((await run('1 + 1;  # quiet\n\n')).result).toBeUndefined();
    expect((await run('"a;b"  # shown; really')).result).toBe("'a;b'");
    expect((await run('x = 2\nx * 3')).result).toBe('6');
  });

  it('shows chained exceptions as Python does, without runner frames', async () => {
    const code = [
      'def inner():',
      '    raise ValueError("inner")',
      'try:',
      '    inner()',
      'except ValueError as error:',
      '    try:',
      '        raise KeyError("outer") from error',
      '    except KeyError:',
      '        {}["missing"]',
    ].join('\n');
    const execution = await run(code);
    const traceback = execution.error?.traceback ?? '';
    expect(execution.error?.name).toBe('KeyError');
    expect(traceback).toContain('ValueError: inner');
    expect(traceback).toContain('The above exception was the direct cause of the following exception:');
    expect(traceback).toContain('During handling of the above exception, another exception occurred:');
    expect(new Set(filesOf(traceback))).toEqual(new Set([`<cell ${execution.executionCount}>`]));
  });

  it('cuts a huge exception message at the source and keeps the interpreter', async () => {
    await run('survivor = 1');
    const execution = await run("raise ValueError('V' * (50 * 1024 * 1024))");
    expect(execution.error?.name).toBe('ValueError');
    expect(execution.error?.message.length).toBeLessThan(20_000);
    expect(execution.error?.message).toMatch(/\.\.\. \[\d+ more characters\]$/);
    expect(execution.error?.traceback.length).toBeLessThan(40_000);
    expect(execution.stateLost).toBeUndefined();
    expect((await run('survivor')).result).toBe('1');
  });

  it('caps the repr of a huge trailing expression like other output', async () => {
    const execution = await run("'r' * (5 * 1024 * 1024)");
    expect(execution.result?.length).toBeLessThan(5 * 1024 * 1024);
    expect(execution.truncatedBytes).toBeGreaterThan(0);
  });

  it('keeps working after the code rebinds what a runner could use', async () => {
    const session = await createSession();
    const runHere = (code: string) => session.execute({ code });
    try {
      await runHere('kept = 1');
      const execution = await runHere(
        [
          'import builtins, json, time, os, traceback',
          'builtins.print = None',
          'builtins.len = lambda value: 0',
          'builtins.repr = lambda value: "forged"',
          'json.dumps = json.loads = None',
          'time.monotonic = None',
          'traceback.TracebackException = None',
        ].join('\n'),
      );
      expect(execution.error).toBeUndefined();
      const after = await runHere('import sys\nsys.stdout.write("ok\\n")\n[kept, 1 / 0]');
      expect(after.stdout).toBe('ok\n');
      expect(after.error?.name).toBe('ZeroDivisionError');
      expect(after.error?.traceback).toContain('ZeroDivisionError: division by zero');
      const later = await runHere('time.sleep(0.01)\nsys.stdout.write(str(add(kept, 1)))\n[kept]');
      expect(later.stdout).toBe('2');
      expect(later.result).toBe('[1]');
      expect(later.stateLost).toBeUndefined();
    } finally {
      await session.close();
    }
  });

  it('refuses deeply nested tool arguments with a clean RecursionError', async () => {
    await run('nested_kept = 1');
    const execution = await run('deep = []\nfor _ in range(100_000):\n    deep = [deep]\nadd(deep, 1)');
    expect(execution.error?.name).toBe('RecursionError');
    expect(execution.error?.message).toBe('add() arguments are nested more than 64 levels deep');
    expect(execution.stateLost).toBeUndefined();
    expect((await run('nested_kept')).result).toBe('1');
  });
}
