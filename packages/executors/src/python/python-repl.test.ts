import type { Executor, ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.js';

describe('codeact_repl.py semantics', () => {
  let executor: Executor;
  let session: ExecutorSession;

  beforeAll(async () => {
    executor = await createPythonExecutor();
    session = await executor.createSession();
  });

  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
  });

  const run = (code: string) => session.execute({ code });

  it('reports sys.exit() as an error and keeps the interpreter', async () => {
    await run('kept = 1');
    const execution = await run('import sys\nsys.exit(2)');
    expect(execution.error?.name).toBe('SystemExit');
    expect(execution.stateLost).toBeUndefined();
    expect((await run('kept')).result).toBe('1');
  });

  it('offers the builtins site would add, and the usual site-packages', async () => {
    const execution = await run('import numpy, matplotlib\ncallable(help), callable(exit), __name__');
    expect(execution.error).toBeUndefined();
    expect(execution.result).toBe("(True, True, '__main__')");
  });

  it('hides its own frames from tracebacks but keeps every user frame', async () => {
    await run('def inner():\n    raise ValueError("deep")\n\ndef outer():\n    inner()');
    const execution = await run('outer()');
    const frames = execution.error?.traceback.split('\n').filter((line) => line.trimStart().startsWith('File'));
    expect(frames).toEqual(
      [
        '  File "<cell 2>", line 1, in <module>',
        '  File "<cell 1>", line 5, in outer',
        '  File "<cell 1>", line 2, in inner',
      ].map((line) =>
        line
          .replace('<cell 2>', `<cell ${execution.executionCount}>`)
          .replaceAll('<cell 1>', `<cell ${execution.executionCount - 1}>`),
      ),
    );
  });

  it('keeps the protocol intact when the code forks', async () => {
    const execution = await run(
      'import os\npid = os.fork()\nif pid == 0:\n    print("child")\nelse:\n    os.waitpid(pid, 0)\n"parent"',
    );
    expect(execution.result).toBe("'parent'");
    expect((await run('1 + 1')).result).toBe('2');
  });

  it('accepts bytes on sys.stdout.buffer and suppresses the value after a semicolon', async () => {
    const execution = await run('import sys\nsys.stdout.buffer.write("ß\\n".encode())\n42;');
    expect(execution.stdout).toBe('ß\n');
    expect(execution.result).toBeUndefined();
  });

  it('refuses tool arguments that are not JSON', async () => {
    const execution = await run('__codeact_call_tool__("anything", {"x": float("nan")})');
    expect(execution.error?.name).toBe('TypeError');
    expect(execution.error?.message).toContain('must be JSON values');
  });
});
