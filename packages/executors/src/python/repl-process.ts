import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ExecutorError, type ToolHost } from '@codeact/core';
import { oversizedCallMessage, toolCallLineLimit } from '../tool-call-limit.js';
import { trackChild } from './child-registry.js';
import { findChildPid } from './find-child-pid.js';
import { LineSplitter } from './line-splitter.js';
import type { RunAs } from './python-executor-options.js';
import {
  parseReplMessage,
  type ReplInit,
  type ReplInterrupted,
  type ReplOutput,
  type ReplReady,
  type ReplResult,
  type ReplToolCall,
} from './repl-messages.js';
import { hasRunningMember, isRunning, waitUntilGone } from './wait-for-tree.js';

export type ReplLaunch = {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string | undefined;
  /** Host uid/gid to start `command` as (root hosts only; libuv also drops supplementary groups). */
  readonly runAs?: RunAs | undefined;
  /** Under bwrap the interpreter is the grandchild (bwrap → namespace init → python). */
  readonly sandboxed: boolean;
  readonly init: ReplInit;
  /** The session's tools: their argument limit bounds what is read of a call. */
  readonly tools?: ToolHost | undefined;
  /** Passed to bwrap as file descriptor 3 (`--seccomp 3`). */
  readonly seccompFile?: string | undefined;
};

export type ReplExit = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

const maxStderrBytes = 1 << 20;
/** Longest wait, after the interpreter exited, for the rest of what it wrote to arrive. */
const drainMs = 100;

/** One running interpreter speaking the line-JSON protocol of `codeact_repl.py`. */
export class ReplProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ReplExit>;
  readonly sandboxed: boolean;
  ready: ReplReady | undefined;
  /** Why the process could not be spawned at all (e.g. ENOENT). */
  spawnError: string | undefined;
  /** Receives tool calls and results; set by the session. */
  onMessage: ((message: ReplToolCall | ReplResult | ReplOutput | ReplInterrupted) => void) | undefined;
  /** Called once when the process has exited (after `exited` settles). */
  onExit: ((exit: ReplExit) => void) | undefined;
  private exit: ReplExit | undefined;
  private innerPid: number | undefined;
  private namespacePid: number | undefined;
  private stderr: Buffer[] = [];
  private stderrBytes = 0;
  private droppedStderrBytes = 0;
  private readonly untrack: () => void;
  private tools: ToolHost | undefined;
  private onAttached: (() => void) | undefined;

  private constructor(launch: ReplLaunch, onReady: (ready: ReplReady) => void) {
    this.sandboxed = launch.sandboxed;
    this.tools = launch.tools;
    const filter = launch.seccompFile === undefined ? undefined : openSync(launch.seccompFile, 'r');
    this.child = spawn(launch.command, launch.args, {
      stdio: filter === undefined ? ['pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe', filter],
      env: launch.env,
      cwd: launch.cwd,
      detached: !launch.sandboxed,
      ...(launch.runAs === undefined ? {} : { uid: launch.runAs.uid, gid: launch.runAs.gid }),
    });
    if (filter !== undefined) closeSync(filter);
    this.untrack = trackChild(() => this.kill());
    let resolveExit: (exit: ReplExit) => void = () => {};
    this.exited = new Promise((resolve) => {
      resolveExit = resolve;
    });
    this.child.once('exit', (code, signal) => {
      const exit = { code, signal };
      this.exit = exit;
      // Without a sandbox, children of the code may outlive the interpreter in its process group.
      if (!this.sandboxed) signalQuietly(this.child.pid === undefined ? undefined : -this.child.pid, 'SIGKILL');
      this.untrack();
      // Output the interpreter sent just before dying may still sit in the pipe: read it first (bounded).
      const stdout = this.child.stdout;
      let reported = false;
      const report = () => {
        if (reported) return;
        reported = true;
        clearTimeout(timer);
        resolveExit(exit);
        this.onExit?.(exit);
      };
      const timer = setTimeout(report, stdout && !stdout.readableEnded ? drainMs : 0);
      if (stdout && !stdout.readableEnded) stdout.once('end', report);
    });
    this.child.once('error', (error) => {
      this.spawnError = error.message;
      if (this.child.pid === undefined) {
        this.exit = { code: null, signal: null };
        this.untrack();
        resolveExit(this.exit);
      }
    });
    this.child.stdin?.on('error', () => {});
    const splitter = new LineSplitter(
      (line) => {
        const message = parseReplMessage(line);
        if (!message) return;
        if (message.type === 'ready') {
          if (this.ready) return;
          this.ready = message;
          this.locateInterpreter();
          onReady(message);
        } else if (message.type === 'attached') {
          this.onAttached?.();
          this.onAttached = undefined;
        } else {
          this.onMessage?.(message);
        }
      },
      toolCallLineLimit(
        () => this.tools,
        (head) => {
          const id = Number(/"id":(\d+)/.exec(head)?.[1]);
          const message = oversizedCallMessage(head, this.tools);
          if (Number.isInteger(id))
            this.send({ type: 'tool-result', id, ok: false, error: { type: 'TypeError', message } });
        },
      ),
    );
    this.child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    this.send(launch.init);
  }

  /** Spawns an interpreter and resolves once it has applied its limits and run the tool stubs. */
  static start(launch: ReplLaunch, abortSignal?: AbortSignal): Promise<ReplProcess> {
    abortSignal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const repl = new ReplProcess(launch, () => {
        abortSignal?.removeEventListener('abort', onAbort);
        resolve(repl);
      });
      const onAbort = () => {
        repl.kill();
        reject(abortSignal?.reason);
      };
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      repl.exited.then((exit) => {
        if (repl.ready) return;
        abortSignal?.removeEventListener('abort', onAbort);
        const detail = (repl.spawnError ?? repl.takeStderr()).trim();
        reject(
          new ExecutorError(
            `The Python interpreter exited before it was ready (${describeExit(exit)})${detail ? `: ${detail}` : '.'}`,
          ),
        );
      });
    });
  }

  /**
   * Opens the session of a pooled REPL (started with `init.pooled`): a fresh `__main__` namespace
   * where the tool stubs run. Resolves once the REPL is ready for code.
   */
  attach(stubs: string, tools: ToolHost | undefined): Promise<void> {
    this.tools = tools;
    return new Promise((resolve, reject) => {
      this.onAttached = resolve;
      this.exited.then((exit) => {
        if (this.onAttached !== resolve) return;
        this.onAttached = undefined;
        const detail = this.takeStderr().trim();
        reject(
          new ExecutorError(
            `The Python interpreter exited while opening the session (${describeExit(exit)})${detail ? `: ${detail}` : '.'}`,
          ),
        );
      });
      this.send({ type: 'attach', stubs });
    });
  }

  /** The interpreter's host PID, once it is ready. */
  get interpreterPid(): number | undefined {
    return this.innerPid;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  send(message: object): void {
    if (!this.alive) return;
    this.child.stdin?.write(`${JSON.stringify(message)}\n`);
  }

  /** SIGINT to the interpreter itself (never to bwrap, which would tear the sandbox down). */
  interrupt(): void {
    if (this.alive) signalQuietly(this.innerPid, 'SIGINT');
  }

  /** SIGKILL the whole tree: the sandbox's PID namespace (taking every process in it) or the process group. */
  kill(): void {
    if (!this.alive) return;
    const pid = this.child.pid;
    const targets = this.sandboxed ? [this.namespacePid, pid] : [pid === undefined ? undefined : -pid, pid];
    for (const target of targets) signalQuietly(target, 'SIGKILL');
  }

  /**
   * Kills the tree and resolves once nothing of it runs: the namespace init exits only after every
   * process in the sandbox has; without a sandbox, the process group must empty.
   */
  async stop(): Promise<void> {
    this.kill();
    await this.exited;
    const pid = this.child.pid;
    if (this.sandboxed) {
      const namespacePid = this.namespacePid;
      if (namespacePid !== undefined) await waitUntilGone(() => isRunning(namespacePid));
    } else if (pid !== undefined) {
      await waitUntilGone(() => hasRunningMember(pid));
    }
  }

  /** Output written straight to fd 1/2 (subprocesses, C extensions, faulthandler) since the last call. */
  takeStderr(): string {
    if (this.stderr.length === 0 && this.droppedStderrBytes === 0) return '';
    let text = Buffer.concat(this.stderr).toString('utf8');
    if (this.droppedStderrBytes > 0) text += `\n[${this.droppedStderrBytes} more bytes of raw output were dropped]\n`;
    this.stderr = [];
    this.stderrBytes = 0;
    this.droppedStderrBytes = 0;
    return text;
  }

  private keepStderr(chunk: Buffer): void {
    const room = maxStderrBytes - this.stderrBytes;
    if (chunk.length > room) this.droppedStderrBytes += chunk.length - Math.max(room, 0);
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.stderr.push(kept);
    this.stderrBytes += kept.length;
  }

  private locateInterpreter(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (!this.sandboxed) {
      this.innerPid = pid;
      return;
    }
    this.namespacePid = findChildPid(pid);
    this.innerPid = this.namespacePid === undefined ? undefined : findChildPid(this.namespacePid);
  }
}

function signalQuietly(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

const signalNames: Record<number, string> = { 6: 'SIGABRT', 7: 'SIGBUS', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

/** `exit code 3`, `signal SIGSEGV`: bwrap reports a signal death of its child as 128 + signal. */
export function describeExit(exit: ReplExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code !== null && exit.code > 128) {
    const signal = exit.code - 128;
    return `killed by ${signalNames[signal] ?? `signal ${signal}`}`;
  }
  return `exit code ${exit.code}`;
}
