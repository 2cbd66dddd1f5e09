import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** An event for one running cell: an iopub message, an input request, or its end. */
export type CellEvent =
  | { readonly event: 'iopub'; readonly msgType: string; readonly content: Record<string, unknown> }
  | { readonly event: 'stdin'; readonly prompt: string }
  | { readonly event: 'done'; readonly status: string }
  | { readonly event: 'cancelled'; readonly message: string };

type WorkerMessage =
  | { reply: number; ok: boolean; value?: unknown; message?: string }
  | ({ execId: string } & CellEvent)
  | { event: 'status' | 'connection'; kernelId: string; status: string };

/**
 * The Jupyter client, living in a worker thread (`runtime/jupyter/kernel-worker.mjs`, plain ESM so it
 * runs from `src` and `dist` alike); this side sends requests and routes events to kernels and cells.
 */
export class KernelClient {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly cells = new Map<string, (event: CellEvent) => void>();
  private readonly statusListeners = new Map<string, (status: string) => void>();
  private failure: Error | undefined;

  constructor() {
    const script = fileURLToPath(new URL('../../runtime/jupyter/kernel-worker.mjs', import.meta.url));
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage) => this.dispatch(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the Jupyter client thread stopped')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const listener of this.cells.values()) listener({ event: 'cancelled', message: error.message });
    this.cells.clear();
  }

  private dispatch(message: WorkerMessage): void {
    if ('reply' in message) {
      const waiter = this.pending.get(message.reply);
      this.pending.delete(message.reply);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.message ?? 'Jupyter request failed'));
      return;
    }
    if ('execId' in message) {
      const listener = this.cells.get(message.execId);
      if (message.event === 'done' || message.event === 'cancelled') this.cells.delete(message.execId);
      listener?.(message);
      return;
    }
    if (message.event === 'status') this.statusListeners.get(message.kernelId)?.(message.status);
  }

  request<T>(op: string, fields: Record<string, unknown> = {}): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ op, id, ...fields });
    });
  }

  /** Why the client thread stopped, once it has. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Sends a cell; `listener` gets its events until `done` or `cancelled`. */
  execute(kernelId: string, execId: string, code: string, silent: boolean, listener: (event: CellEvent) => void): void {
    const failure = this.failure;
    if (failure) {
      queueMicrotask(() => listener({ event: 'cancelled', message: failure.message }));
      return;
    }
    this.cells.set(execId, listener);
    this.worker.postMessage({ op: 'execute', kernelId, execId, code, silent });
  }

  input(execId: string, value: string): void {
    this.worker.postMessage({ op: 'input', execId, value });
  }

  onStatus(kernelId: string, listener: ((status: string) => void) | undefined): void {
    if (listener) this.statusListeners.set(kernelId, listener);
    else this.statusListeners.delete(kernelId);
  }

  async dispose(): Promise<void> {
    await this.request('dispose').catch(() => {});
    await this.worker.terminate();
  }
}
