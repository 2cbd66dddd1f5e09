import { describe, expect, it } from 'vitest';
import { createPyodideExecutor } from '../pyodide/pyodide-executor.js';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { useSession } from './session-fixture.js';

describe('adversarial: a runner broken from Python is replaced, never kept (CPython)', () => {
  const fixture = useSession(() => createPythonExecutor());

  it('restarts the interpreter and reports the loss when the code breaks the runner itself', async () => {
    const run = (code: string) => fixture.session.execute({ code });
    expect((await run('import codeact_cell\nlost = 1\ncodeact_cell.Capture = None')).error).toBeUndefined();
    const broken = await run('print("never runs")');
    expect(broken.error?.name).toBe('InterpreterCrashed');
    expect(broken.error?.message).toBe(
      'The action broke the runner of the interpreter (it could not reply); the interpreter was restarted.',
    );
    expect(broken.stateLost).toBe(true);
    const after = await run('print("lost" in globals())');
    expect(after.stdout).toBe('False\n');
    expect(after.stateLost).toBeUndefined();
  });
});

for (const [name, createExecutor] of [
  ['python', () => createPythonExecutor()],
  ['pyodide', () => createPyodideExecutor({ poolSize: 1 })],
] as const) {
  describe(`adversarial: hostile text through the protocol (${name})`, () => {
    const fixture = useSession(createExecutor);

    it('carries lone surrogates and control characters without breaking the protocol', async () => {
      const code = 'kept = 1\nprint("\\ud800\\x00\\x1b[2J\\u202e")\n"\\udc00\\n"';
      const execution = await fixture.session.execute({ code });
      expect(execution.error).toBeUndefined();
      expect(execution.stdout).toBe('\ud800\u0000\u001b[2J\u202e\n');
      expect(execution.result).toBe("'\\udc00\\n'");
      expect((await fixture.session.execute({ code: 'kept' })).result).toBe('1');
    });
  });
}
