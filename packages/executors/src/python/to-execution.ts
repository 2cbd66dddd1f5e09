import type { Execution, PythonException } from '@codeact/core';
import { formatBytes } from '../cgroups/session-cgroup.js';
import type { ReplResult } from './repl-messages.js';
import { describeExit, type ReplExit } from './repl-process.js';

/** How one cell ended, as seen by the host. */
export type CellOutcome = {
  readonly result?: ReplResult | undefined;
  readonly exit?: ReplExit | undefined;
  /** The deadline passed (or the call was aborted) and SIGINT was sent. */
  readonly interrupted: boolean;
  /** The interrupt was ignored and the interpreter was killed. */
  readonly killed: boolean;
  readonly timeoutMs: number;
  /** fd-level output (subprocesses, faulthandler) that arrived during the cell. */
  readonly rawStderr: string;
  /** Output the interpreter sent while the cell ran (flushed, or everything when live): shown if it dies. */
  readonly streamed?: { readonly stdout: string; readonly stderr: string } | undefined;
  /** Why the disk watch stopped the action, when it did. */
  readonly diskQuota?: string | undefined;
  /** Set when the session's memory total was reached during the cell and a process was killed. */
  readonly memoryLimitBytes?: number | undefined;
};

export function timeoutMessage(timeoutMs: number): string {
  const seconds = Number((timeoutMs / 1000).toFixed(3));
  return `Timed out after ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

function lineError(name: string, message: string): PythonException {
  return { name, message, traceback: `${name}: ${message}\n` };
}

/** A KeyboardInterrupt we caused becomes a TimeoutError at the same place in the traceback. */
function asTimeout(error: PythonException, message: string): PythonException {
  const lines = error.traceback.trimEnd().split('\n');
  if (lines.at(-1)?.startsWith('KeyboardInterrupt')) lines.pop();
  const head = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  return { name: 'TimeoutError', message, traceback: `${head}TimeoutError: ${message}\n` };
}

/** Exit status of a REPL whose own code failed (the action rebound or broke something it relies on). */
export const brokenRunnerExitCode = 70;

function strayNote(count: number): string {
  return `[codeact: the action left ${count} process${count === 1 ? '' : 'es'} running; stopped.]\n`;
}

function threadsNote(count: number): string {
  return `[codeact: the action left ${count} thread${count === 1 ? '' : 's'} running; the interpreter was restarted.]\n`;
}

/** Turns what happened to a cell into the `Execution` the agent loop sees (object literals only: spreads are slow here). */
export function toExecution(outcome: CellOutcome, executionCount: number, durationMs: number): Execution {
  const { result, rawStderr } = outcome;
  if (result) {
    let stderr = rawStderr ? result.stderr + rawStderr : result.stderr;
    if (result.strayProcesses) stderr += strayNote(result.strayProcesses);
    if (outcome.memoryLimitBytes !== undefined) {
      stderr += `[codeact: the memory limit of ${formatBytes(outcome.memoryLimitBytes)} was reached; a process was killed.]\n`;
    }
    const execution: Execution = {
      stdout: result.stdout,
      stderr,
      artifacts: result.artifacts ?? [],
      executionCount,
      durationMs,
    };
    if (result.result !== undefined) execution.result = result.result;
    if (result.truncatedBytes) execution.truncatedBytes = result.truncatedBytes;
    if (outcome.interrupted) execution.timedOut = true;
    if (result.error) {
      const interrupted = outcome.interrupted && result.error.name === 'KeyboardInterrupt';
      execution.error = interrupted ? asTimeout(result.error, timeoutMessage(outcome.timeoutMs)) : result.error;
    }
    if (outcome.diskQuota !== undefined) execution.error = lineError('OSError', outcome.diskQuota);
    if (outcome.interrupted && result.threads) {
      const count = result.threads;
      const note = `${timeoutMessage(outcome.timeoutMs)} ${count} thread${count === 1 ? '' : 's'} it started kept running, so the interpreter was restarted.`;
      execution.error = lineError('TimeoutError', note);
      execution.stateLost = true;
    } else if (result.threads) {
      execution.stderr += threadsNote(result.threads);
      execution.stateLost = true;
    }
    return execution;
  }
  if (outcome.killed) {
    const why = outcome.diskQuota ?? timeoutMessage(outcome.timeoutMs);
    const message = `${why} The code did not stop when interrupted, so the interpreter was restarted.`;
    const error = lineError(outcome.diskQuota === undefined ? 'TimeoutError' : 'OSError', message);
    return { ...survived(outcome), artifacts: [], executionCount, durationMs, error, timedOut: true, stateLost: true };
  }
  if (outcome.memoryLimitBytes !== undefined) {
    const message = `The memory limit of ${formatBytes(outcome.memoryLimitBytes)} was reached; the interpreter was restarted.`;
    const error = lineError('MemoryError', message);
    return { ...survived(outcome), artifacts: [], executionCount, durationMs, error, stateLost: true };
  }
  const how = outcome.exit ? describeExit(outcome.exit) : 'no reply';
  const message =
    outcome.exit?.code === brokenRunnerExitCode
      ? 'The action broke the runner of the interpreter (it could not reply); the interpreter was restarted.'
      : `The Python interpreter stopped while running this action (${how}); it was restarted.`;
  const error = lineError('InterpreterCrashed', message);
  return { ...survived(outcome), artifacts: [], executionCount, durationMs, error, stateLost: true };
}

/** What reached the host from a cell whose interpreter died: streamed output, then raw fd output. */
function survived(outcome: CellOutcome): { stdout: string; stderr: string } {
  return {
    stdout: outcome.streamed?.stdout ?? '',
    stderr: (outcome.streamed?.stderr ?? '') + outcome.rawStderr,
  };
}
