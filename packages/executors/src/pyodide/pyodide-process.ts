import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { ExecutorUnavailableError, type ToolHost } from '@codeact/core';
import { formatBytes, joinCgroupCommand, SessionCgroup } from '../cgroups/session-cgroup.js';
import { LineSplitter } from '../python/line-splitter.js';
import { oversizedCallMessage, toolCallLineLimit } from '../tool-call-limit.js';
import { childCommand, type PyodideProcessOptions } from './child-command.js';
import {
  type CellReply,
  type ChildMessage,
  type ChildReady,
  parseCellReply,
  parseChildMessage,
} from './child-messages.js';

/** How one cell ended: the runner's reply, or the child died and its state is gone (`reason`: a short phrase). */
export type CellOutcome =
  | { readonly type: 'reply'; readonly reply: CellReply }
  | {
      readonly type: 'exit';
      readonly reason: string;
      /** Output the cell had sent before the child died (flushed, or everything when live). */
      readonly stdout: string;
      readonly stderr: string;
      /** Set when the child was killed for reaching its cgroup's memory total. */
      readonly memoryLimitBytes?: number;
    };

const live = new Set<PyodideProcess>();
let exitHookInstalled = false;

function trackLive(child: PyodideProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const each of live) each.kill();
    });
  }
  live.add(child);
}

/**
 * One confined child process running one Pyodide interpreter: spawned with an empty environment
 * under Node's permission model, driven by line-JSON on stdin/stdout. Runs one cell at a time.
 */
export class PyodideProcess {
  readonly ready: Promise<ChildReady>;
  /** The snapshot bytes when `makeSnapshot` was set (undefined if the child sent none). */
  readonly snapshot: Promise<Buffer | undefined>;
  readonly exited: Promise<void>;
  /** True when the child boots from a memory snapshot rather than cold. */
  readonly fromSnapshot: boolean;
  /** Called for every tool call Python makes; answer with `answerTool`. */
  onToolCall: ((request: string) => void) | undefined;
  /** The tools of the session using the process: their argument limit bounds what is read of a call. */
  toolHost: ToolHost | undefined;
  /** Receives the running cell's output when it was started with `live`. */
  onOutput: ((stream: 'stdout' | 'stderr', text: string) => void) | undefined;
  private readonly child: ChildProcess;
  private pending: { id: number; resolve: (outcome: CellOutcome) => void } | undefined;
  private streamed: Record<'stdout' | 'stderr', string[]> = { stdout: [], stderr: [] };
  private nextId = 0;
  private holds = 0;
  private isReady = false;
  private killedByHost = false;
  private exitReason: string | undefined;
  private stderrTail = '';
  private readonly cgroup: SessionCgroup | undefined;
  private memoryLimitBytes: number | undefined;

  constructor(options: PyodideProcessOptions) {
    this.fromSnapshot = options.snapshotPath !== undefined;
    const [command, commandArgs] = childCommand(options);
    const totals = options.cgroup;
    this.cgroup = totals && SessionCgroup.create(totals.support, `pyodide-${randomUUID()}`, totals.limits, undefined);
    const [file, args] = joinCgroupCommand(this.cgroup, command, commandArgs);
    this.child = spawn(file, args, {
      env: {},
      cwd: options.files.runtimeDir,
      stdio: ['pipe', 'pipe', 'pipe', options.makeSnapshot ? 'pipe' : 'ignore'],
    });
    trackLive(this);
    let resolveReady: (ready: ChildReady) => void = () => {};
    let rejectReady: (error: Error) => void = () => {};
    this.ready = new Promise<ChildReady>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.ready.catch(() => {});
    const startTimer = setTimeout(() => {
      this.kill(`not ready within ${options.startTimeoutMs} ms`);
    }, options.startTimeoutMs);
    startTimer.unref();

    this.child.stdin?.on('error', () => {});
    const splitter = new LineSplitter(
      (line) => {
        const message = parseChildMessage(line);
        if (message) this.onMessage(message, resolveReady);
      },
      toolCallLineLimit(
        () => this.toolHost,
        (head) => {
          const message = oversizedCallMessage(head, this.toolHost);
          this.answerTool(JSON.stringify({ ok: false, error: { type: 'TypeError', message } }));
        },
      ),
    );
    this.child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    this.snapshot = this.collectSnapshot();
    this.exited = new Promise<void>((resolve) => {
      const onGone = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(startTimer);
        live.delete(this);
        if (this.cgroup?.takeOomKill()) {
          this.memoryLimitBytes = this.cgroup.limits.memoryBytes;
          this.exitReason ??= `memory limit of ${formatBytes(this.memoryLimitBytes)} reached`;
        }
        void this.cgroup?.disposeWhenEmpty();
        this.exitReason ??= signal ? `killed by ${signal}` : `exit code ${code}`;
        if (!this.isReady) {
          const detail = this.stderrTail.trim().slice(-1000);
          const message = `Pyodide failed to start (${this.exitReason}).${detail ? ` ${detail}` : ''}`;
          rejectReady(new ExecutorUnavailableError(message));
        }
        this.settle(this.exitOutcome(this.exitReason));
        resolve();
      };
      this.child.once('exit', onGone);
      this.child.once('error', (error) => {
        this.exitReason ??= `could not start: ${error.message}`;
        onGone(null, null);
      });
    });
    this.updateRef();
  }

  /** True when the host stopped the child, as opposed to the child failing on its own. */
  get wasKilled(): boolean {
    return this.killedByHost;
  }

  /** False once the child has exited or been killed. */
  get alive(): boolean {
    return this.exitReason === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Runs the tool stubs (`setup`, silent) or a cell (`exec`). */
  run(type: 'exec' | 'setup', code: string, live = false): Promise<CellOutcome> {
    if (!this.alive) return Promise.resolve(this.exitOutcome(this.exitReason ?? 'exited'));
    if (this.pending) return Promise.reject(new Error('PyodideProcess runs one cell at a time.'));
    this.nextId += 1;
    const id = this.nextId;
    this.hold();
    return new Promise<CellOutcome>((resolve) => {
      this.pending = { id, resolve };
      this.streamed = { stdout: [], stderr: [] };
      this.write(live ? { type, id, code, live } : { type, id, code });
    }).finally(() => this.release());
  }

  /** Sends a tool result (`ToolCallResult` as JSON) to the Python code blocked in the call. */
  answerTool(reply: string): void {
    this.write({ type: 'tool-result', reply });
  }

  /**
   * Raises KeyboardInterrupt in the running cell. If the interpreter then spends `graceMs` of CPU time
   * without finishing (a C-level loop, code that swallows the interrupt), the child says so and the
   * running cell ends as `exit` with the child killed.
   */
  interrupt(graceMs: number): void {
    this.write({ type: 'interrupt', graceMs });
  }

  /** Stops the child now; a running cell resolves at once as `exit`. Idempotent. */
  kill(reason = 'stopped by the host'): void {
    if (this.exitReason === undefined && this.child.exitCode === null) this.killedByHost = true;
    this.terminate(reason);
  }

  private terminate(reason: string): void {
    this.exitReason ??= reason;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.settle(this.exitOutcome(this.exitReason));
  }

  /** Kills the child and resolves once it is gone, keeping the host alive until then. */
  async stop(reason?: string): Promise<void> {
    this.hold();
    try {
      this.kill(reason);
      await this.exited;
    } finally {
      this.release();
    }
  }

  /** Keeps the host's event loop alive until `promise` settles (children are unref'd when idle). */
  async held<T>(promise: Promise<T>): Promise<T> {
    this.hold();
    try {
      return await promise;
    } finally {
      this.release();
    }
  }

  /** Keeps the host's event loop alive while someone waits on this child. */
  hold(): void {
    this.holds += 1;
    if (this.holds === 1) this.updateRef();
  }

  release(): void {
    if (this.holds === 0) return;
    this.holds -= 1;
    if (this.holds === 0) this.updateRef();
  }

  private updateRef(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const method = this.holds > 0 ? 'ref' : 'unref';
    this.child[method]();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr, this.child.stdio[3]]) {
      const socket = stream as Socket | null | undefined;
      if (socket && !socket.destroyed) socket[method]();
    }
  }

  private write(message: object): void {
    if (this.alive) this.child.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  private exitOutcome(reason: string): CellOutcome {
    const { stdout, stderr } = this.streamed;
    const limit = this.memoryLimitBytes === undefined ? {} : { memoryLimitBytes: this.memoryLimitBytes };
    return { type: 'exit', reason, stdout: stdout.join(''), stderr: stderr.join(''), ...limit };
  }

  private settle(outcome: CellOutcome): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(outcome);
  }

  private onMessage(message: ChildMessage, resolveReady: (ready: ChildReady) => void): void {
    switch (message.type) {
      case 'ready':
        this.isReady = true;
        resolveReady(message);
        return;
      case 'tool-call':
        if (this.pending && this.onToolCall) this.onToolCall(message.request);
        else this.answerTool(JSON.stringify({ ok: false, error: { type: 'ToolError', message: 'No tools here.' } }));
        return;
      case 'output':
        if (this.pending?.id !== message.id) return;
        this.streamed[message.stream].push(message.text);
        this.onOutput?.(message.stream, message.text);
        return;
      case 'result': {
        if (this.pending?.id !== message.id) return;
        const reply = parseCellReply(message.reply);
        // A broken protocol cannot be trusted for the next action either: replace the interpreter.
        if (reply) this.settle({ type: 'reply', reply });
        else this.kill('its runner sent a malformed reply');
        return;
      }
      case 'stuck':
        if (this.pending) this.kill('did not stop when interrupted');
        return;
      case 'crashed':
        this.terminate(message.message.trim().replace(/\.$/, '') || 'crashed');
        return;
    }
  }

  private collectSnapshot(): Promise<Buffer | undefined> {
    const stream = this.child.stdio[3];
    if (!stream) return Promise.resolve(undefined);
    const chunks: Buffer[] = [];
    return new Promise<Buffer | undefined>((resolve) => {
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => resolve(undefined));
      stream.on('close', () => {
        // A child that died mid-write leaves a short file: only a complete snapshot is used.
        const all = Buffer.concat(chunks);
        const complete = all.length > 4 && all.readUInt32BE(0) === all.length - 4;
        resolve(complete ? all.subarray(4) : undefined);
      });
    });
  }
}
