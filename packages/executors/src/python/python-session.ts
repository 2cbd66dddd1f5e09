import { rm } from 'node:fs/promises';
import {
  createOutputBatcher,
  type ExecuteOptions,
  type Execution,
  ExecutorError,
  type ExecutorSession,
  type ToolCallResult,
  type ToolCallScope,
  type ToolHost,
} from '@codeact/core';
import type { SessionCgroup } from '../cgroups/session-cgroup.js';
import { installBridgeName, installPackagesCall } from '../packages/install-packages-call.js';
import type { PackageSupport } from '../packages/package-options.js';
import { type DiskQuota, watchDisk } from './disk-quota-watch.js';
import type { ReplResult, ReplToolCall } from './repl-messages.js';
import { type ReplExit, type ReplLaunch, ReplProcess } from './repl-process.js';
import { type CellOutcome, toExecution } from './to-execution.js';

export type PythonSessionConfig = {
  readonly sessionId: string;
  /** The work directory on the host. */
  readonly workDir: string;
  /** Remove `workDir` on close (it was created for this session). */
  readonly ownsWorkDir: boolean;
  /** The host directory of packages installed for this session (read-only in the sandbox). */
  readonly siteDir: string;
  /** Remove `siteDir` on close (it was created for this session). */
  readonly ownsSiteDir: boolean;
  /** Serves `install_packages` requests into `siteDir`. */
  readonly packages?: PackageSupport | undefined;
  readonly launch: ReplLaunch;
  readonly tools: ToolHost | undefined;
  readonly timeoutMs: number;
  readonly interruptGraceMs: number;
  /** Disk use a running action is held to (polled), when enforced. */
  readonly diskQuota?: DiskQuota | undefined;
  /** The session's cgroup (per-session totals), removed on close. */
  readonly cgroup?: SessionCgroup | undefined;
  readonly onClose?: ((session: PythonSession) => void) | undefined;
};

type Job = {
  readonly options: ExecuteOptions;
  readonly resolve: (execution: Execution) => void;
  readonly reject: (error: unknown) => void;
};

type CellEnd = { result?: ReplResult; exit?: ReplExit; closed?: boolean };

const cellFinished = new Error('The action finished before the tool call did.');
/** Once the interpreter reports that the interrupt ended the cell, it gets this long to format the traceback. */
const unwindMs = 10_000;
const maxTimerMs = 2 ** 31 - 1;
const abortGraceMs = 2000;
const closedError = () => new ExecutorError('The Python session is closed.');

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One persistent CPython REPL. Actions run one at a time; at the deadline the interpreter gets
 * SIGINT, and if it is still busy after the grace period it is killed and replaced. The hot path
 * (a live interpreter, one action) is callback-based: one promise per action, no timers but the deadline.
 */
export class PythonSession implements ExecutorSession {
  readonly sessionId: string;
  readonly workDir: string;
  readonly siteDir: string;
  private readonly config: PythonSessionConfig;
  private repl: ReplProcess | undefined;
  private starting: Promise<ReplProcess> | undefined;
  private count = 0;
  private readonly queue: Job[] = [];
  private busy = false;
  private closing: Promise<void> | undefined;
  private stateLost = false;
  private abandon: (() => void) | undefined;
  private cellExit: ((exit: ReplExit) => void) | undefined;

  private constructor(config: PythonSessionConfig) {
    this.config = config;
    this.sessionId = config.sessionId;
    this.workDir = config.workDir;
    this.siteDir = config.siteDir;
  }

  /**
   * Starts the interpreter (or takes `started`, one already ready for code, e.g. from the warm
   * pool) and resolves once it is ready for code. Restarts always use `config.launch`.
   */
  static async open(
    config: PythonSessionConfig,
    abortSignal?: AbortSignal,
    started?: ReplProcess,
  ): Promise<PythonSession> {
    const session = new PythonSession(config);
    try {
      if (started) session.adopt(started);
      await session.ensureRepl(abortSignal);
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  execute(options: ExecuteOptions): Promise<Execution> {
    if (this.closing) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ options, resolve, reject });
      if (!this.busy) this.next();
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private next(): void {
    const job = this.queue.shift();
    this.busy = job !== undefined;
    if (!job) return;
    const done = () => this.next();
    const signal = job.options.abortSignal;
    if (this.closing || signal?.aborted) {
      job.reject(this.closing ? closedError() : signal?.reason);
      done();
      return;
    }
    if (this.repl?.alive) {
      this.runCell(this.repl, job, done);
      return;
    }
    const onAbort = () => {
      job.reject(signal?.reason);
      done();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.ensureRepl().then(
      (repl) => {
        if (signal?.aborted) return;
        signal?.removeEventListener('abort', onAbort);
        this.runCell(repl, job, done);
      },
      (error: unknown) => {
        if (signal?.aborted) return;
        signal?.removeEventListener('abort', onAbort);
        job.reject(error);
        done();
      },
    );
  }

  private ensureRepl(abortSignal?: AbortSignal): Promise<ReplProcess> {
    if (this.repl?.alive) return Promise.resolve(this.repl);
    this.starting ??= ReplProcess.start(this.config.launch, abortSignal)
      .then((repl) => this.adopt(repl))
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  private adopt(repl: ReplProcess): ReplProcess {
    if (this.closing) {
      repl.kill();
      throw closedError();
    }
    this.repl = repl;
    this.count = 0;
    repl.onExit = (exit) => {
      // A retired interpreter (replaced on purpose, the loss already reported) is not a new loss.
      if (this.repl !== repl) return;
      this.repl = undefined;
      this.stateLost = true;
      this.cellExit?.(exit);
    };
    // An interpreter that died between its start and now is replaced by `ensureRepl`.
    if (!repl.alive) this.repl = undefined;
    return repl;
  }

  private runCell(repl: ReplProcess, job: Job, done: () => void): void {
    const { options } = job;
    const signal = options.abortSignal;
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const started = performance.now();
    this.count += 1;
    const id = this.count;
    // Created on the first tool call only: an AbortController costs tens of microseconds.
    let tools: AbortController | undefined;
    const scope = options.toolScope ?? {};
    let interrupted = false;
    let killed = false;
    let aborted = false;
    let grace: NodeJS.Timeout | undefined;
    let finished = false;
    const live = options.onOutput ? createOutputBatcher(options.onOutput) : undefined;
    // What the interpreter already sent (all of it when live, else what was flushed): kept if it dies.
    const streamed: Record<'stdout' | 'stderr', string[]> = { stdout: [], stderr: [] };
    const kill = () => {
      killed = true;
      repl.kill();
    };
    const stop = (graceMs: number) => {
      if (interrupted) return;
      interrupted = true;
      repl.interrupt();
      grace = setTimeout(kill, graceMs);
    };
    // A caller's abort (a user's Stop or Ctrl-C) waits longer before killing than a deadline does:
    // on a loaded host the interpreter may need more than a few ms to answer, and killing loses its state.
    // A SIGINT that lands before the cell's code runs is ignored by the REPL, so it is repeated until
    // the interpreter says the interrupt ended the cell.
    let repeat: NodeJS.Timeout | undefined;
    const onAbort = () => {
      aborted = true;
      stop(Math.max(this.config.interruptGraceMs, abortGraceMs));
      repeat = setInterval(() => repl.interrupt(), 100);
    };
    // No deadline for an infinite limit; Node would fire a timer above 2^31 - 1 ms at once.
    const deadline = Number.isFinite(timeoutMs)
      ? setTimeout(() => stop(this.config.interruptGraceMs), Math.min(timeoutMs, maxTimerMs))
      : undefined;
    let diskQuota: string | undefined;
    const quota = this.config.diskQuota;
    const unwatch = quota
      ? watchDisk(
          quota,
          this.workDir,
          () => repl.interpreterPid,
          (message) => {
            diskQuota = message;
            stop(this.config.interruptGraceMs);
          },
        )
      : undefined;
    const finish = (end: CellEnd) => {
      if (finished) return;
      finished = true;
      unwatch?.();
      if (deadline) clearTimeout(deadline);
      if (grace) clearTimeout(grace);
      clearInterval(repeat);
      signal?.removeEventListener('abort', onAbort);
      tools?.abort(cellFinished);
      repl.onMessage = undefined;
      this.abandon = undefined;
      this.cellExit = undefined;
      if (end.closed) {
        live?.flush();
        job.reject(closedError());
      } else {
        const outcome: CellOutcome = {
          result: end.result,
          exit: end.exit,
          interrupted,
          killed,
          timeoutMs,
          rawStderr: repl.takeStderr(),
          streamed: { stdout: streamed.stdout.join(''), stderr: streamed.stderr.join('') },
          memoryLimitBytes: this.memoryLimitReached(end) ? this.config.cgroup?.limits.memoryBytes : undefined,
          diskQuota,
        };
        if (live) {
          live.push('stderr', outcome.rawStderr);
          live.flush();
        }
        const execution = toExecution(outcome, id, performance.now() - started);
        // Threads an action left running cannot be stopped one by one: the interpreter goes instead.
        const retire = end.result !== undefined && execution.stateLost === true;
        if (retire) this.retire(repl);
        this.settle(job, execution, end.exit !== undefined || retire, aborted);
      }
      done();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.abandon = () => finish({ closed: true });
    this.cellExit = (exit) => finish({ exit });
    repl.onMessage = (message) => {
      if (message.type === 'tool-call') {
        tools ??= new AbortController();
        this.callTool(repl, message, tools.signal, scope);
      } else if (message.type === 'output') {
        if (message.id !== id) return;
        streamed[message.stream].push(message.text);
        live?.push(message.stream, message.text);
      } else if (message.type === 'interrupted') {
        if (message.id === id) clearInterval(repeat);
        if (grace && message.id === id) {
          clearTimeout(grace);
          grace = setTimeout(kill, unwindMs);
        }
      } else if (message.id === id) {
        // Raw fd output written before the result is already in the stderr pipe: read it first.
        if (message.rawOutput) setImmediate(() => finish({ result: message }));
        else finish({ result: message });
      }
    };
    repl.send(
      live ? { type: 'execute', id, code: options.code, live: true } : { type: 'execute', id, code: options.code },
    );
    if (!repl.alive) finish({ exit: { code: null, signal: null } });
  }

  /** Whether the session's memory total killed a process during this cell (checked only when something failed). */
  private memoryLimitReached(end: CellEnd): boolean {
    const cgroup = this.config.cgroup;
    if (!cgroup || (end.exit === undefined && !end.result?.error && !end.result?.rawOutput)) return false;
    return cgroup.takeOomKill();
  }

  private retire(repl: ReplProcess): void {
    if (this.repl === repl) this.repl = undefined;
    repl.kill();
  }

  private settle(job: Job, execution: Execution, exited: boolean, aborted: boolean): void {
    if (exited) {
      // Reported by this execution unless it was aborted; respawn now so the next action is quick.
      this.stateLost = aborted;
      if (!this.closing) this.ensureRepl().catch(() => {});
    } else {
      if (this.stateLost) execution.stateLost = true;
      this.stateLost = false;
    }
    if (aborted) job.reject(job.options.abortSignal?.reason);
    else job.resolve(execution);
  }

  private callTool(repl: ReplProcess, call: ReplToolCall, signal: AbortSignal, scope: ToolCallScope): void {
    const reply = (result: ToolCallResult) => {
      if (signal.aborted) return;
      repl.send(
        result.ok
          ? { type: 'tool-result', id: call.id, ok: true, value: result.value }
          : { type: 'tool-result', id: call.id, ok: false, error: result.error },
      );
    };
    const failed = (error: unknown) => reply({ ok: false, error: { type: 'ToolError', message: messageOf(error) } });
    if (call.name === installBridgeName) {
      installPackagesCall(this.config.packages, this.siteDir, call.args, scope, signal).then(reply, failed);
      return;
    }
    const tools = this.config.tools;
    if (!tools) {
      reply({ ok: false, error: { type: 'ToolError', message: `No tool named ${call.name}.` } });
      return;
    }
    tools
      .call({ name: call.name, args: call.args, sessionId: this.sessionId, abortSignal: signal, scope })
      .then(reply, failed);
  }

  private async shutdown(): Promise<void> {
    this.config.onClose?.(this);
    this.abandon?.();
    for (const job of this.queue.splice(0)) job.reject(closedError());
    const starting = this.starting;
    await this.repl?.stop();
    if (starting) await (await starting.catch(() => undefined))?.stop();
    this.config.cgroup?.dispose();
    if (this.config.ownsWorkDir) await rm(this.workDir, { recursive: true, force: true });
    if (this.config.ownsSiteDir) await rm(this.siteDir, { recursive: true, force: true });
  }
}
