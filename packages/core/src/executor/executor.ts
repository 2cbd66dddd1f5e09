import type { ToolCallScope } from '../tool/tool-call-scope.js';
import type { ToolHost } from '../tool/tool-host.js';
import type { Execution } from './execution.js';
import type { ExecutorPoolStats } from './executor-pool-stats.js';

export type CreateSessionOptions = {
  /** Tools the Python code may call; each becomes a Python function. */
  readonly tools?: ToolHost | undefined;
  /** Host directory mounted read-write as the session's working directory (created when missing). */
  readonly workDir?: string | undefined;
  /**
   * Host directory for packages installed on demand, mounted read-only in the sandbox and put on
   * `sys.path` (created when missing, kept on close). Without it the executor makes one and removes it on close.
   */
  readonly siteDir?: string | undefined;
  readonly abortSignal?: AbortSignal | undefined;
};

/** A piece of output an action wrote while it runs. */
export type OutputChunk = { readonly stream: 'stdout' | 'stderr'; readonly text: string };

export type ExecuteOptions = {
  readonly code: string;
  /** Wall-clock limit for this action. Defaults to the executor's setting (30 s). */
  readonly timeoutMs?: number | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /** Approver and budgets for this action's tool calls, passed on to the tool host (one scope per action). */
  readonly toolScope?: ToolCallScope | undefined;
  /**
   * Receives the output while the action runs, in order, batched (at most every ~50 ms or 4 KiB),
   * and all of it before `execute` resolves. Per stream, the chunks join to the `Execution`'s
   * `stdout`/`stderr` (the capture cap applies); output written below `sys.stdout` (subprocesses,
   * C extensions) may come only in the final `Execution`.
   */
  readonly onOutput?: ((chunk: OutputChunk) => void) | undefined;
};

/** One persistent interpreter: variables survive from one `execute` to the next. */
export interface ExecutorSession extends AsyncDisposable {
  readonly sessionId: string;
  /** The session's working directory on the host, when it has one. */
  readonly workDir: string | undefined;
  /** The host directory installed packages go to (see `CreateSessionOptions.siteDir`), when the executor has one. */
  readonly siteDir?: string | undefined;
  /**
   * Runs one action. Python errors, timeouts and interpreter crashes come back as data in the
   * `Execution`; it rejects only when the interpreter cannot be (re)started or the call was aborted
   * before it began.
   */
  execute(options: ExecuteOptions): Promise<Execution>;
  /** Stops the interpreter and everything it started. Idempotent. */
  close(): Promise<void>;
}

/**
 * A kind of interpreter (specification v1). Implementations: `python` (CPython under bubblewrap) and
 * `pyodide` in `@codeact/executors`, and the scripted executor in `@codeact/core/testing`.
 */
export interface Executor {
  readonly specificationVersion: 'v1';
  /** `python`, `pyodide`, `scripted`, … */
  readonly executorId: string;
  /** Human-readable detail, e.g. `CPython 3.11.2 (/usr/bin/python3) under bubblewrap`. */
  readonly description: string;
  createSession(options?: CreateSessionOptions): Promise<ExecutorSession>;
  /** Releases shared resources such as warm pools. */
  dispose(): Promise<void>;
  /** The executor's warm pool, when it keeps one (undefined otherwise). */
  poolStats?(): ExecutorPoolStats | undefined;
}
