import { describe, expect, it } from 'vitest';
import { timeoutMessage, toExecution } from './to-execution.js';

const base = { interrupted: false, killed: false, timeoutMs: 500, rawStderr: '' };

describe('toExecution', () => {
  it('turns our KeyboardInterrupt into a TimeoutError at the same place', () => {
    const execution = toExecution(
      {
        ...base,
        interrupted: true,
        result: {
          type: 'result',
          id: 2,
          stdout: 'partial\n',
          stderr: '',
          error: {
            name: 'KeyboardInterrupt',
            message: '',
            traceback:
              'Traceback (most recent call last):\n  File "<cell 2>", line 2, in <module>\nKeyboardInterrupt\n',
          },
        },
      },
      2,
      501,
    );
    expect(execution).toMatchObject({ stdout: 'partial\n', timedOut: true, executionCount: 2 });
    expect(execution.stateLost).toBeUndefined();
    expect(execution.error).toEqual({
      name: 'TimeoutError',
      message: 'Timed out after 0.5 seconds.',
      traceback:
        'Traceback (most recent call last):\n  File "<cell 2>", line 2, in <module>\nTimeoutError: Timed out after 0.5 seconds.\n',
    });
  });

  it('keeps a KeyboardInterrupt the host did not cause', () => {
    const error = { name: 'KeyboardInterrupt', message: '', traceback: 'KeyboardInterrupt\n' };
    const execution = toExecution({ ...base, result: { type: 'result', id: 1, stdout: '', stderr: '', error } }, 1, 1);
    expect(execution.error).toEqual(error);
    expect(execution.timedOut).toBeUndefined();
  });

  it('reports a kill after an ignored interrupt as a timeout with lost state', () => {
    const execution = toExecution(
      { ...base, interrupted: true, killed: true, exit: { code: null, signal: 'SIGKILL' } },
      4,
      560,
    );
    expect(execution).toMatchObject({ timedOut: true, stateLost: true, error: { name: 'TimeoutError' } });
    expect(execution.error?.traceback.trimEnd().endsWith(execution.error?.message ?? '?')).toBe(true);
  });

  it('reports a crash with its exit status and raw output', () => {
    const execution = toExecution(
      { ...base, exit: { code: 139, signal: null }, rawStderr: 'Fatal Python error\n' },
      1,
      3,
    );
    expect(execution.stateLost).toBe(true);
    expect(execution.stderr).toBe('Fatal Python error\n');
    expect(execution.error?.name).toBe('InterpreterCrashed');
    expect(execution.error?.message).toContain('killed by SIGSEGV');
  });

  it('writes whole seconds without a fraction', () => {
    expect(timeoutMessage(1000)).toBe('Timed out after 1 second.');
    expect(timeoutMessage(30_000)).toBe('Timed out after 30 seconds.');
  });
});
