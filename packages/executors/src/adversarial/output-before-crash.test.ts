import type { Executor } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { createPyodideExecutor } from '../pyodide/pyodide-executor.js';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { useSession } from './session-fixture.js';

const interpreters: ReadonlyArray<[string, () => Promise<Executor> | Executor]> = [
  ['python', () => createPythonExecutor()],
  ['pyodide', () => createPyodideExecutor({ poolSize: 1 })],
];

for (const [name, createExecutor] of interpreters) {
  describe(`adversarial: output written before a crash reaches the observation (${name})`, () => {
    const fixture = useSession(() => createExecutor());

    it('keeps flushed stdout and stderr when the code calls os._exit', async () => {
      const code = [
        'import os, sys',
        'print("unflushed first")',
        'print("kept", flush=True)',
        'sys.stderr.write("err kept\\n"); sys.stderr.flush()',
        'os._exit(3)',
      ].join('\n');
      const execution = await fixture.session.execute({ code });
      expect(execution.stateLost).toBe(true);
      expect(execution.error?.name).toBe('InterpreterCrashed');
      expect(execution.stdout).toBe('unflushed first\nkept\n');
      expect(execution.stderr).toContain('err kept\n');
    });

    it('keeps everything written when the output is live, flushed or not', async () => {
      const chunks: string[] = [];
      const execution = await fixture.session.execute({
        code: 'import os\nprint("live one")\nprint("live two")\nos._exit(1)',
        onOutput: (chunk) => chunks.push(chunk.text),
      });
      expect(execution.stateLost).toBe(true);
      expect(execution.stdout).toBe('live one\nlive two\n');
      expect(chunks.join('')).toBe('live one\nlive two\n');
    });
  });
}

describe('adversarial: output before a native crash of CPython', () => {
  const fixture = useSession(() => createPythonExecutor());

  for (const [how, crash] of [
    ['a segfault', 'import ctypes\nctypes.string_at(0)'],
    ['os.abort()', 'os.abort()'],
    ['os.execv', 'os.execv("/bin/true", ["true"])'],
  ] as const) {
    it(`keeps flushed output before ${how}`, async () => {
      const execution = await fixture.session.execute({
        code: `import os\nprint("before ${how}", flush=True)\n${crash}`,
      });
      expect(execution.stateLost).toBe(true);
      expect(execution.error?.name).toBe('InterpreterCrashed');
      expect(execution.stdout).toBe(`before ${how}\n`);
      expect((await fixture.session.execute({ code: '6 * 7' })).result).toBe('42');
    });
  }
});
