import type { Executor } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGeneratedCode } from './check-generated-code.js';

let executor: Executor;

beforeAll(async () => {
  executor = await createPythonExecutor();
});

afterAll(async () => {
  await executor.dispose();
});

const check = (solution: string, tests: string, timeoutMs?: number) =>
  checkGeneratedCode({ executor, solution, tests, timeoutMs });

describe('checkGeneratedCode', () => {
  it('passes when the solution and the tests run without raising', async () => {
    const result = await check('def add(a, b):\n    return a + b', 'assert add(2, 3) == 5');
    expect(result).toEqual({ passed: true, result: 'passed' });
  });

  it('fails with the exception upstream would report', async () => {
    expect(await check('def add(a, b):\n    return a - b', 'assert add(2, 3) == 5, "wrong"')).toEqual({
      passed: false,
      result: 'failed: wrong',
    });
    expect(await check('def f(:\n    pass', 'assert True')).toMatchObject({
      passed: false,
      result: expect.stringMatching(/^failed: /),
    });
  });

  it('runs the program as exec(program, {}): __name__ is not __main__', async () => {
    const solution = 'def f():\n    return 1\nif __name__ == "__main__":\n    raise SystemExit(1)';
    expect(await check(solution, 'assert f() == 1')).toEqual({ passed: true, result: 'passed' });
  });

  it('swallows output, makes stdin unreadable and disables exit()', async () => {
    expect((await check('print("noise" * 1000)', 'assert True')).passed).toBe(true);
    expect((await check('x = input()', 'assert True')).passed).toBe(false);
    expect((await check('exit(0)', 'assert True')).passed).toBe(false);
  });

  it('times out a program that does not finish', async () => {
    expect(await check('while True:\n    pass', 'assert True', 1000)).toEqual({ passed: false, result: 'timed out' });
  });

  it('disables destructive os functions during the check, as upstream does', async () => {
    expect(await check('import os\nos.getcwd()', 'assert True')).toEqual({
      passed: false,
      result: "failed: 'NoneType' object is not callable",
    });
    expect((await check('import os\nSTATE = os.path.join("a", "b")', 'assert STATE == "a/b"')).passed).toBe(true);
    expect((await check('', 'assert "STATE" not in globals()')).passed).toBe(true);
  });
});
