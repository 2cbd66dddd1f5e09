import { randomUUID } from 'node:crypto';
import type { ExecuteOptions, Execution, ExecutorSession, PythonException, ToolHost } from '@codeact/core';
import { CellOutput } from './cell-output.js';
import { cellCall, jupyterPrelude, toolCallMarker } from './jupyter-prelude.js';
import type { CellEvent, KernelClient } from './kernel-client.js';

export type JupyterSessionSettings = {
  readonly timeoutMs: number;
  readonly interruptGraceMs: number;
  readonly maxOutputBytes: number;
  /** How long a (re)started kernel may take to run the prelude. */
  readonly startTimeoutMs: number;
};

type CellEnd =
  | { readonly status: 'done'; readonly reply: string }
  | { readonly status: 'cancelled'; readonly message: string };

function lineError(name: string, message: string): PythonException {
  return { name, message, traceback: `${name}: ${message}\n` };
}

function timeoutMessage(timeoutMs: number): string {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return `Timed out after ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/**
 * One kernel on a Jupyter server: started on open, shut down on close. Cells run one at a time;
 * a timeout interrupts the kernel (state kept) and restarts it when the code will not stop (state
 * lost, said so); a kernel that dies mid-cell is restarted by the server and reported the same way.
 */
export class JupyterSession implements ExecutorSession {
  readonly sessionId = randomUUID();
  readonly workDir = undefined;
  private executionCount = 0;
  private closed = false;
  private stateLost = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly client: KernelClient;
  private kernelId: string;
  private readonly kernelName: string;
  private readonly tools: ToolHost | undefined;
  private readonly settings: JupyterSessionSettings;

  private constructor(
    client: KernelClient,
    kernel: { readonly id: string; readonly name: string },
    tools: ToolHost | undefined,
    settings: JupyterSessionSettings,
  ) {
    this.client = client;
    this.kernelId = kernel.id;
    this.kernelName = kernel.name;
    this.tools = tools;
    this.settings = settings;
  }

  static async open(
    client: KernelClient,
    kernelName: string,
    tools: ToolHost | undefined,
    settings: JupyterSessionSettings,
  ): Promise<JupyterSession> {
    const kernelId = await client.request<string>('start', { kernelName });
    const session = new JupyterSession(client, { id: kernelId, name: kernelName }, tools, settings);
    try {
      await session.prepare();
    } catch (error) {
      await client.request('shutdown', { kernelId }).catch(() => {});
      throw error;
    }
    return session;
  }

  /**
   * Runs the prelude (tool bridge and stubs), retrying while a restarted kernel comes back, within
   * `startTimeoutMs` in all: a prelude the kernel never answers ends with an error, not a hang.
   */
  private async prepare(): Promise<void> {
    const limit = this.settings.startTimeoutMs;
    const deadline = Date.now() + limit;
    for (;;) {
      await this.replaceDeadKernel();
      const output = new CellOutput(this.settings.maxOutputBytes, undefined);
      const cell = this.runCell(
        jupyterPrelude(this.tools?.pythonStubs ?? '', this.settings.maxOutputBytes),
        true,
        output,
        undefined,
      );
      const end = await Promise.race([cell, sleep(Math.max(0, deadline - Date.now())).then(() => undefined)]);
      if (!end) throw new Error(`the kernel did not answer within ${Math.round(limit / 1000)} s`);
      if (end.status === 'done' && !output.error) return;
      if (output.error) throw new Error(`the kernel could not load the codeact prelude: ${output.error.traceback}`);
      const failure = this.client.failed;
      if (failure) throw failure;
      if (Date.now() > deadline)
        throw new Error(`the kernel did not come back: ${end.status === 'cancelled' ? end.message : end.reply}`);
      await sleep(250);
    }
  }

  /**
   * A server gives up restarting a kernel that keeps dying (jupyter_client's `restart_limit`) and
   * reports it dead: the session then moves to a fresh kernel, as a local interpreter is restarted.
   */
  private async replaceDeadKernel(): Promise<void> {
    if (await this.client.request<boolean>('alive', { kernelId: this.kernelId })) return;
    await this.client.request('shutdown', { kernelId: this.kernelId }).catch(() => {});
    this.kernelId = await this.client.request<string>('start', { kernelName: this.kernelName });
  }

  private runCell(
    code: string,
    silent: boolean,
    output: CellOutput,
    scope: ExecuteOptions | undefined,
    signal?: AbortSignal,
  ): Promise<CellEnd> {
    const execId = randomUUID();
    return new Promise<CellEnd>((resolve) => {
      const onEvent = (event: CellEvent) => {
        if (event.event === 'iopub') output.add(event.msgType, event.content);
        else if (event.event === 'stdin') this.answerInput(execId, event.prompt, scope, signal);
        else if (event.event === 'done') resolve({ status: 'done', reply: event.status });
        else resolve({ status: 'cancelled', message: event.message });
      };
      this.client.execute(this.kernelId, execId, code, silent, onEvent);
    });
  }

  /** A tool call from Python: run it on the host and send the result back as the input reply. */
  private answerInput(execId: string, prompt: string, options: ExecuteOptions | undefined, signal?: AbortSignal): void {
    if (!prompt.startsWith(toolCallMarker) || !this.tools) {
      this.client.input(execId, '');
      return;
    }
    const tools = this.tools;
    void (async () => {
      let reply: unknown;
      try {
        const { name, args } = JSON.parse(prompt.slice(toolCallMarker.length)) as { name: string; args: unknown };
        reply = await tools.call({
          name,
          args,
          sessionId: this.sessionId,
          abortSignal: signal,
          scope: options?.toolScope,
        });
      } catch (error) {
        reply = { ok: false, error: { type: 'ToolError', message: (error as Error).message } };
      }
      this.client.input(execId, JSON.stringify(reply));
    })();
  }

  execute(options: ExecuteOptions): Promise<Execution> {
    if (this.closed) return Promise.reject(new Error('The session is closed.'));
    options.abortSignal?.throwIfAborted();
    const run = this.queue.then(() => this.executeNow(options));
    this.queue = run.catch(() => {});
    return run;
  }

  private async executeNow(options: ExecuteOptions): Promise<Execution> {
    if (this.closed) throw new Error('The session is closed.');
    options.abortSignal?.throwIfAborted();
    const started = performance.now();
    const timeoutMs = options.timeoutMs ?? this.settings.timeoutMs;
    const output = new CellOutput(this.settings.maxOutputBytes, options.onOutput);
    const toolAbort = new AbortController();
    const cell = this.runCell(
      cellCall(this.executionCount + 1, options.code),
      false,
      output,
      // One scope per action even when none is given, so the per-action call budget applies.
      { ...options, toolScope: options.toolScope ?? {} },
      toolAbort.signal,
    );
    let timedOut = false;
    let killed = false;
    const stop = async () => {
      await this.client.request('interrupt', { kernelId: this.kernelId }).catch(() => {});
      const settled = await Promise.race([
        cell.then(() => true),
        sleep(this.settings.interruptGraceMs).then(() => false),
      ]);
      if (!settled) {
        killed = true;
        await this.client.request('restart', { kernelId: this.kernelId }).catch(() => {});
      }
    };
    let stopping: Promise<void> | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      stopping ??= stop();
    }, timeoutMs);
    const aborted = new Promise<never>((_, reject) => {
      const onAbort = () => {
        stopping ??= stop();
        reject(options.abortSignal?.reason);
      };
      options.abortSignal?.addEventListener('abort', onAbort, { once: true });
      cell.finally(() => options.abortSignal?.removeEventListener('abort', onAbort));
    });
    aborted.catch(() => {});
    try {
      const end = await Promise.race([cell, aborted]);
      // The cell is over: a restart that follows a crash must not be interrupted by its deadline.
      clearTimeout(timer);
      await stopping;
      output.flushLive();
      return await this.toExecution(end, output, { timedOut, killed, timeoutMs, started });
    } catch (error) {
      // Aborted: the cell stops in the background; the next one waits for it (and its restart, if any).
      this.queue = this.queue.then(async () => {
        await cell;
        await stopping;
        if (killed) await this.recover();
      });
      throw error;
    } finally {
      clearTimeout(timer);
      toolAbort.abort();
      output.flushLive();
    }
  }

  /** After a restart: the prelude again, and the next execution says the state is gone. */
  private async recover(): Promise<void> {
    this.stateLost = true;
    this.executionCount = 0;
    await this.prepare();
  }

  private async toExecution(
    end: CellEnd,
    output: CellOutput,
    how: { timedOut: boolean; killed: boolean; timeoutMs: number; started: number },
  ): Promise<Execution> {
    const crashed = end.status === 'cancelled' || how.killed;
    if (crashed) await this.recover();
    const stateLost = this.stateLost;
    this.stateLost = false;
    const execution: Execution = {
      stdout: output.stdout,
      stderr: output.stderr,
      artifacts: output.artifacts,
      executionCount: ++this.executionCount,
      durationMs: performance.now() - how.started,
    };
    if (output.result !== undefined && !output.error) execution.result = output.result;
    if (output.truncatedBytes) execution.truncatedBytes = output.truncatedBytes;
    if (how.timedOut) execution.timedOut = true;
    if (stateLost) execution.stateLost = true;
    const message = timeoutMessage(how.timeoutMs);
    if (how.killed) {
      execution.error = lineError(
        'TimeoutError',
        `${message} The code did not stop when interrupted, so the kernel was restarted.`,
      );
    } else if (crashed) {
      execution.error = lineError(
        'InterpreterCrashed',
        'The Jupyter kernel stopped while running this action; it was restarted.',
      );
    } else if (output.error) {
      execution.error =
        how.timedOut && output.error.name === 'KeyboardInterrupt' ? asTimeout(output.error, message) : output.error;
    } else if (how.timedOut) {
      execution.error = lineError('TimeoutError', message);
    }
    return execution;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.request('shutdown', { kernelId: this.kernelId }).catch(() => {});
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function asTimeout(error: PythonException, message: string): PythonException {
  const lines = error.traceback.trimEnd().split('\n');
  if (lines.at(-1)?.startsWith('KeyboardInterrupt')) lines.pop();
  const head = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  return { name: 'TimeoutError', message, traceback: `${head}TimeoutError: ${message}\n` };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
