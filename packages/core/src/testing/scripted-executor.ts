import type { Execution } from '../executor/execution.js';
import type { CreateSessionOptions, ExecuteOptions, Executor, ExecutorSession } from '../executor/executor.js';

/** A canned execution result; missing fields get empty defaults. */
export type ScriptedExecution = Partial<Omit<Execution, 'executionCount' | 'durationMs'>>;

/**
 * An executor that runs no Python: each `execute` returns the next canned result (or the result
 * of `respond(code)`). For unit tests of the loop; real interpreters live in `@codeact/executors`.
 */
export class ScriptedExecutor implements Executor {
  readonly specificationVersion = 'v1' as const;
  readonly executorId = 'scripted';
  readonly description = 'scripted executor (runs no code)';
  readonly executed: string[] = [];
  readonly sessions: ScriptedSession[] = [];
  private readonly results: ScriptedExecution[];
  private readonly respond: ((code: string) => ScriptedExecution) | undefined;

  constructor(results: readonly ScriptedExecution[] | ((code: string) => ScriptedExecution)) {
    this.results = typeof results === 'function' ? [] : [...results];
    this.respond = typeof results === 'function' ? results : undefined;
  }

  async createSession(options: CreateSessionOptions = {}): Promise<ExecutorSession> {
    const session = new ScriptedSession(this, `scripted-${this.sessions.length + 1}`, options.workDir);
    this.sessions.push(session);
    return session;
  }

  next(code: string): ScriptedExecution {
    this.executed.push(code);
    if (this.respond) return this.respond(code);
    const result = this.results.shift();
    if (!result) throw new Error(`ScriptedExecutor has no result left for: ${code}`);
    return result;
  }

  async dispose(): Promise<void> {}
}

class ScriptedSession implements ExecutorSession {
  closed = false;
  private count = 0;
  private readonly executor: ScriptedExecutor;
  readonly sessionId: string;
  readonly workDir: string | undefined;

  constructor(executor: ScriptedExecutor, sessionId: string, workDir: string | undefined) {
    this.executor = executor;
    this.sessionId = sessionId;
    this.workDir = workDir;
  }

  async execute(options: ExecuteOptions): Promise<Execution> {
    if (this.closed) throw new Error('session is closed');
    this.count += 1;
    const canned = this.executor.next(options.code);
    // The canned output streams as one chunk per stream, as a real executor's would while running.
    if (canned.stdout) options.onOutput?.({ stream: 'stdout', text: canned.stdout });
    if (canned.stderr) options.onOutput?.({ stream: 'stderr', text: canned.stderr });
    return { stdout: '', stderr: '', artifacts: [], ...canned, executionCount: this.count, durationMs: 0 };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
