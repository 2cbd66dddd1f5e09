import {
  createOutputBatcher,
  type ExecuteOptions,
  type Execution,
  ExecutorError,
  type ExecutorSession,
  type PythonException,
  type ToolCallResult,
  type ToolCallScope,
  type ToolHost,
} from '@codeact/core';
import { formatBytes } from '../cgroups/session-cgroup.js';
import { installBridgeName } from '../packages/install-packages-call.js';
import { pipMagic } from '../packages/pip-magic.js';
import type { PyodideSessionPackages } from '../packages/pyodide-session-packages.js';
import { abortable } from './abortable.js';
import { type CellReply, parseToolRequest } from './child-messages.js';
import type { CellOutcome, PyodideProcess } from './pyodide-process.js';

export type PyodideSessionOptions = {
  readonly sessionId: string;
  readonly workDir: string | undefined;
  readonly tools: ToolHost | undefined;
  /** Serves `install_packages` (and `%pip install` lines). */
  readonly packages?: PyodideSessionPackages | undefined;
  /** A booted interpreter with the tool stubs installed; rejects or is aborted by `abortSignal`. */
  readonly acquire: (abortSignal: AbortSignal) => Promise<PyodideProcess>;
  readonly timeoutMs: number;
  readonly interruptGraceMs: number;
  readonly onClose: () => void;
};

type StopReason = 'timeout' | 'abort';

/**
 * Wall time, on top of the CPU grace, after which an interrupted child is killed regardless. Only a
 * starved child reaches it (a busy one says `stuck` after the grace in CPU time): 500 ms keeps a
 * loaded host from killing an interpreter that was about to report its KeyboardInterrupt.
 */
const backstopMs = 500;

function exception(name: string, message: string, traceback?: string): PythonException {
  return { name, message, traceback: `${traceback ?? ''}${name}: ${message}\n` };
}

/** Same wording as the CPython executor, so observations read alike across backends. */
function timeoutMessage(timeoutMs: number): string {
  const seconds = Number((timeoutMs / 1000).toFixed(3));
  return `Timed out after ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/** Turns the KeyboardInterrupt raised at the deadline into the contract's TimeoutError, keeping the frames. */
function asTimeout(error: PythonException, timeoutMs: number): PythonException {
  const lines = error.traceback.trimEnd().split('\n');
  if (lines.at(-1)?.startsWith('KeyboardInterrupt')) lines.pop();
  return exception('TimeoutError', timeoutMessage(timeoutMs), lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

/** One persistent Pyodide interpreter in its own confined child process, restarted when it dies. */
export class PyodideSession implements ExecutorSession {
  readonly sessionId: string;
  readonly workDir: string | undefined;
  private readonly options: PyodideSessionOptions;
  private readonly lifetime = new AbortController();
  private current: Promise<PyodideProcess>;
  private queue: Promise<unknown> = Promise.resolve();
  private executionCount = 0;
  private running = false;
  private lostWhileIdle = false;

  constructor(options: PyodideSessionOptions, first: PyodideProcess) {
    this.options = options;
    this.sessionId = options.sessionId;
    this.workDir = options.workDir;
    this.current = Promise.resolve(first);
    this.watch(first);
  }

  get closed(): boolean {
    return this.lifetime.signal.aborted;
  }

  execute(options: ExecuteOptions): Promise<Execution> {
    if (this.closed) return Promise.reject(new ExecutorError(`Pyodide session ${this.sessionId} is closed.`));
    const result = this.queue.then(() => this.runCell(options));
    this.queue = result.catch(() => {});
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.lifetime.abort(new ExecutorError(`Pyodide session ${this.sessionId} is closed.`));
    this.options.onClose();
    const process = await this.current.catch(() => undefined);
    await process?.stop('session closed');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private async runCell(options: ExecuteOptions): Promise<Execution> {
    if (this.closed) throw new ExecutorError(`Pyodide session ${this.sessionId} is closed.`);
    options.abortSignal?.throwIfAborted();
    const process = await abortable(this.interpreter(), options.abortSignal);
    const timeoutMs = Math.max(0, options.timeoutMs ?? this.options.timeoutMs);
    const started = performance.now();
    const cellAbort = new AbortController();
    let stopReason: StopReason | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (reason: StopReason) => {
      if (stopReason) return;
      stopReason = reason;
      cellAbort.abort();
      process.interrupt(this.options.interruptGraceMs);
      // The child measures the grace in CPU time; this wall-clock backstop covers a child too starved to say so.
      graceTimer = setTimeout(
        () => process.kill('did not stop when interrupted'),
        this.options.interruptGraceMs + backstopMs,
      );
    };
    const deadline = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('abort');
    options.abortSignal?.addEventListener('abort', onAbort, { once: true });
    const scope = options.toolScope ?? {};
    process.toolHost = this.options.tools;
    process.onToolCall = (request) => this.callTool(process, request, cellAbort.signal, scope);
    const live = options.onOutput ? createOutputBatcher(options.onOutput) : undefined;
    if (live) process.onOutput = (stream, text) => live.push(stream, text);
    this.running = true;
    this.executionCount += 1;
    let outcome: CellOutcome;
    try {
      outcome = await process.run('exec', pipMagic(options.code), live !== undefined);
    } finally {
      process.onOutput = undefined;
      live?.flush();
      this.running = false;
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      options.abortSignal?.removeEventListener('abort', onAbort);
      cellAbort.abort();
      process.onToolCall = undefined;
    }
    const durationMs = performance.now() - started;
    const executionCount = this.executionCount;
    if (outcome.type === 'exit') this.restart();
    if (this.closed) throw new ExecutorError(`Pyodide session ${this.sessionId} is closed.`);
    if (stopReason === 'abort') throw options.abortSignal?.reason;
    const stateLost = outcome.type === 'exit' || this.lostWhileIdle;
    this.lostWhileIdle = false;
    const base = { artifacts: [], executionCount, durationMs, ...(stateLost ? { stateLost: true } : {}) };
    if (outcome.type === 'exit') {
      const error =
        stopReason === 'timeout'
          ? exception(
              'TimeoutError',
              `${timeoutMessage(timeoutMs)} The code did not stop when interrupted, so the interpreter was restarted.`,
            )
          : outcome.memoryLimitBytes !== undefined
            ? exception(
                'MemoryError',
                `The memory limit of ${formatBytes(outcome.memoryLimitBytes)} was reached; the interpreter was restarted.`,
              )
            : exception(
                'InterpreterCrashed',
                `The Python interpreter stopped while running this action (${outcome.reason}); it was restarted.`,
              );
      const { stdout, stderr } = outcome;
      return { stdout, stderr, error, ...(stopReason ? { timedOut: true } : {}), ...base };
    }
    return this.toExecution(outcome.reply, stopReason === 'timeout', timeoutMs, base);
  }

  private toExecution(
    reply: CellReply,
    interrupted: boolean,
    timeoutMs: number,
    base: Pick<Execution, 'artifacts' | 'executionCount' | 'durationMs' | 'stateLost'>,
  ): Execution {
    const error =
      interrupted && reply.error?.name === 'KeyboardInterrupt' ? asTimeout(reply.error, timeoutMs) : reply.error;
    return {
      stdout: reply.stdout,
      stderr: reply.stderr,
      ...(reply.result === undefined ? {} : { result: reply.result }),
      ...(error ? { error } : {}),
      ...(reply.truncatedBytes ? { truncatedBytes: reply.truncatedBytes } : {}),
      ...(interrupted ? { timedOut: true } : {}),
      ...base,
    };
  }

  private callTool(process: PyodideProcess, requestText: string, signal: AbortSignal, scope: ToolCallScope): void {
    const reply = (result: ToolCallResult) => process.answerTool(JSON.stringify(result));
    const failure = (type: 'ToolError' | 'TimeoutError', message: string): ToolCallResult => ({
      ok: false,
      error: { type, message },
    });
    const request = parseToolRequest(requestText);
    const tools = this.options.tools;
    if (request?.name === installBridgeName && this.options.packages && !signal.aborted) {
      const failed = (error: unknown) => failure('ToolError', error instanceof Error ? error.message : String(error));
      this.options.packages
        .call(request.args, scope, signal)
        .catch(failed)
        .then((result) => {
          if (!signal.aborted) reply(result);
        });
    } else if (signal.aborted) reply(failure('TimeoutError', 'The action was interrupted.'));
    else if (!request) reply(failure('ToolError', 'Malformed tool request.'));
    else if (!tools) reply(failure('ToolError', `No tool named ${request.name}.`));
    else {
      const call = { name: request.name, args: request.args, sessionId: this.sessionId, abortSignal: signal, scope };
      tools.call(call).then(
        (result) => {
          if (!signal.aborted) reply(result);
        },
        (error: unknown) => {
          if (!signal.aborted) reply(failure('ToolError', error instanceof Error ? error.message : String(error)));
        },
      );
    }
  }

  /** The current interpreter; a restart that failed earlier is tried once more. */
  private async interpreter(): Promise<PyodideProcess> {
    const process = await this.current.catch(() => undefined);
    if (process) return process;
    this.restart();
    return this.current;
  }

  /** Replaces a dead interpreter with a fresh one (from the warm pool when it has one). */
  private restart(): void {
    if (this.closed) return;
    this.executionCount = 0;
    const next = this.options.acquire(this.lifetime.signal);
    next.then(
      (process) => this.watch(process),
      () => {},
    );
    this.current = next;
  }

  /** An interpreter that dies between actions is replaced at once; the next action reports the loss. */
  private watch(process: PyodideProcess): void {
    process.exited.then(async () => {
      if (this.closed || this.running || (await this.current.catch(() => undefined)) !== process) return;
      this.lostWhileIdle = true;
      this.restart();
    });
  }
}
