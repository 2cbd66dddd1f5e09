import { rm } from 'node:fs/promises';
import {
  type ExecuteOptions,
  type Execution,
  ExecutorError,
  type ExecutorSession,
  type ToolCallResult,
  type ToolHost,
} from '@codeact/core';
import type { ReplResult, ReplToolCall } from './repl-messages.js';
import { type ReplExit, type ReplLaunch, ReplProcess } from './repl-process.js';
import { type CellOutcome, toExecution } from './to-execution.js';

export type PythonSessionConfig = {
  readonly sessionId: string;
  /** The work directory on the host. */
  readonly workDir: string;
  /** Remove `workDir` on close (it was created for this session). */
  readonly ownsWorkDir: boolean;
  readonly launch: ReplLaunch;
  readonly tools: ToolHost | undefined;
  readonly timeoutMs: number;
  readonly interruptGraceMs: number;
  readonly onClose?: ((session: PythonSession) => void) | undefined;
};

type Wait = Omit<CellOutcome, 'timeoutMs' | 'rawStderr'> & { readonly aborted: boolean; readonly closed: boolean };

const closedError = () => new ExecutorError('The Python session is closed.');

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * One persistent CPython REPL. Actions run one at a time; at the deadline the interpreter gets
 * SIGINT, and if it is still busy after the grace period it is killed and replaced.
 */
export class PythonSession implements ExecutorSession {
  readonly sessionId: string;
  readonly workDir: string;
  private readonly config: PythonSessionConfig;
  private repl: ReplProcess | undefined;
  private starting: Promise<ReplProcess> | undefined;
  private count = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private stateLost = false;
  private abandon: (() => void) | undefined;
  private cellExit: ((exit: ReplExit) => void) | undefined;

  private constructor(config: PythonSessionConfig) {
    this.config = config;
    this.sessionId = config.sessionId;
    this.workDir = config.workDir;
  }

  /** Starts the interpreter and resolves once it is ready for code. */
  static async open(config: PythonSessionConfig, abortSignal?: AbortSignal): Promise<PythonSession> {
    const session = new PythonSession(config);
    try {
      await session.ensureRepl(abortSignal);
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  execute(options: ExecuteOptions): Promise<Execution> {
    if (this.closing) return Promise.reject(closedError());
    const run = this.tail.then(() => this.run(options));
    this.tail = run.catch(() => {});
    return run;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private ensureRepl(abortSignal?: AbortSignal): Promise<ReplProcess> {
    if (this.repl?.alive) return Promise.resolve(this.repl);
    this.starting ??= ReplProcess.start(this.config.launch, abortSignal)
      .then((repl) => {
        if (this.closing) {
          repl.kill();
          throw closedError();
        }
        this.repl = repl;
        this.count = 0;
        repl.onExit = (exit) => {
          if (this.repl === repl) this.repl = undefined;
          this.stateLost = true;
          this.cellExit?.(exit);
        };
        return repl;
      })
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  private async run(options: ExecuteOptions): Promise<Execution> {
    if (this.closing) throw closedError();
    const signal = options.abortSignal;
    signal?.throwIfAborted();
    const repl = await raceAbort(this.ensureRepl(), signal);
    const started = performance.now();
    this.count += 1;
    const id = this.count;
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const wait = await this.runCell(repl, id, options.code, timeoutMs, signal);
    if (wait.closed) throw closedError();
    const outcome: CellOutcome = { ...wait, timeoutMs, rawStderr: repl.takeStderr() };
    const execution = toExecution(outcome, id, performance.now() - started);
    if (wait.exit) {
      // Reported by this execution unless it was aborted; respawn now so the next action is quick.
      this.stateLost = wait.aborted;
      if (!this.closing) this.ensureRepl().catch(() => {});
    } else {
      if (this.stateLost) execution.stateLost = true;
      this.stateLost = false;
    }
    if (wait.aborted) throw signal?.reason;
    return execution;
  }

  private runCell(
    repl: ReplProcess,
    id: number,
    code: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Wait> {
    return new Promise((resolve) => {
      const tools = new AbortController();
      let interrupted = false;
      let killed = false;
      let aborted = false;
      let grace: NodeJS.Timeout | undefined;
      let done = false;
      const stop = () => {
        if (interrupted) return;
        interrupted = true;
        repl.interrupt();
        grace = setTimeout(() => {
          killed = true;
          repl.kill();
        }, this.config.interruptGraceMs);
      };
      const onAbort = () => {
        aborted = true;
        stop();
      };
      const deadline = setTimeout(stop, timeoutMs);
      const finish = (fields: { result?: ReplResult; exit?: ReplExit; closed?: boolean }) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        clearTimeout(grace);
        signal?.removeEventListener('abort', onAbort);
        tools.abort();
        repl.onMessage = undefined;
        this.abandon = undefined;
        this.cellExit = undefined;
        resolve({ ...fields, interrupted, killed, aborted, closed: fields.closed ?? false });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.abandon = () => finish({ closed: true });
      repl.onMessage = (message) => {
        if (message.type === 'tool-call') this.callTool(repl, message, tools.signal);
        else if (message.id === id) setImmediate(() => finish({ result: message }));
      };
      this.cellExit = (exit) => finish({ exit });
      repl.send({ type: 'execute', id, code });
      if (!repl.alive) finish({ exit: { code: null, signal: null } });
    });
  }

  private callTool(repl: ReplProcess, call: ReplToolCall, signal: AbortSignal): void {
    const reply = (result: ToolCallResult) => {
      if (!signal.aborted) repl.send({ type: 'tool-result', id: call.id, ...result });
    };
    const tools = this.config.tools;
    if (!tools) {
      reply({ ok: false, error: { type: 'ToolError', message: `No tool named ${call.name}.` } });
      return;
    }
    tools
      .call({ name: call.name, args: call.args, sessionId: this.sessionId, abortSignal: signal })
      .then(reply, (error: unknown) => reply({ ok: false, error: { type: 'ToolError', message: messageOf(error) } }));
  }

  private async shutdown(): Promise<void> {
    this.config.onClose?.(this);
    this.abandon?.();
    const starting = this.starting;
    await this.repl?.stop();
    if (starting) await (await starting.catch(() => undefined))?.stop();
    if (this.config.ownsWorkDir) await rm(this.workDir, { recursive: true, force: true });
  }
}
