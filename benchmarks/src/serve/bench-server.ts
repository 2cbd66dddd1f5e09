import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryTrajectoryStore,
  type Execution,
  type Executor,
  type ExecutorSession,
  type LanguageModel,
  type ModelCallOptions,
  type ModelStreamPart,
} from '@codeact/core';
import {
  createInterpreterCatalog,
  createMemoryLogger,
  createModelCatalog,
  type RunningServer,
  readSseMessages,
  startServer,
} from '@codeact/server';

/** The pieces `bench:serve` drives the server with: scripted streaming models, HTTP helpers, a server per measurement. */

export const token = 'bench-token-0123456789abcdef';
export const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams replies in chunks with a pause, stamping when each chunk was handed to the loop. */
export class StreamingModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'script';
  readonly modelId: string;
  readonly sentAt = new Map<string, number>();
  private readonly reply: (call: ModelCallOptions) => string;
  private readonly chunkSize: number;
  private readonly pauseMs: number;

  constructor(modelId: string, reply: (call: ModelCallOptions) => string, chunkSize: number, pauseMs: number) {
    this.modelId = modelId;
    this.reply = reply;
    this.chunkSize = chunkSize;
    this.pauseMs = pauseMs;
  }

  async *doStream(options: ModelCallOptions): AsyncIterable<ModelStreamPart> {
    const text = this.reply(options);
    for (let index = 0; index < text.length; index += this.chunkSize) {
      if (this.pauseMs > 0) await sleep(this.pauseMs);
      options.abortSignal?.throwIfAborted();
      const chunk = text.slice(index, index + this.chunkSize);
      this.sentAt.set(chunk, performance.now());
      yield { type: 'text-delta', text: chunk };
    }
    yield {
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 100, outputTokens: Math.ceil(text.length / 4) },
    };
  }
}

/** Three steps per turn: load (optionally pandas and matplotlib, as in Fig. 3), compute, answer. */
export function threeStepReply(withLibraries: boolean) {
  const imports = withLibraries
    ? "import pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
    : '';
  return (call: ModelCallOptions): string => {
    const replies = call.messages.filter((message) => message.role === 'assistant').length;
    if (replies === 0)
      return `Load the numbers.\n<execute>\n${imports}values = list(range(1, 101))\nprint(len(values))\n</execute>`;
    if (replies === 1) return 'Sum them.\n<execute>\ntotal = sum(values)\nprint(total)\n</execute>';
    return 'The sum of 1..100 is <solution>5050</solution>.';
  };
}

export class InstantExecutor implements Executor {
  readonly specificationVersion = 'v1' as const;
  readonly executorId = 'scripted';
  readonly description = 'scripted (runs no code)';
  async createSession(): Promise<ExecutorSession> {
    let count = 0;
    const session: ExecutorSession = {
      sessionId: `s-${Math.random()}`,
      workDir: undefined,
      async execute(): Promise<Execution> {
        count += 1;
        return { stdout: '100\n', stderr: '', artifacts: [], executionCount: count, durationMs: 0 };
      },
      async close() {},
      async [Symbol.asyncDispose]() {},
    };
    return session;
  }
  async dispose(): Promise<void> {}
}

export type SseMessage = { event: string; data: string };

/** Reads an SSE response, calling `onMessage` per message, until it returns true. */
export function readEvents(response: Response, onMessage: (message: SseMessage) => boolean | undefined): Promise<void> {
  return readSseMessages(response, onMessage);
}

export async function api(base: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

export const format = (value: number, digits = 2) => value.toFixed(digits);
export const mib = (bytes: number) => bytes / 1024 / 1024;

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Resident memory of this process's descendants (the sandboxed interpreters), from /proc. */
export function childrenRss(): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const resident = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      parents.set(Number(entry), parent);
      rss.set(Number(entry), resident);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, resident] of rss) {
    let ancestor = parents.get(pid);
    while (ancestor !== undefined && ancestor > 1 && ancestor !== process.pid) ancestor = parents.get(ancestor);
    if (ancestor === process.pid) total += resident;
  }
  return total;
}

/** Builds the server's one executor; `workRoot` is the server's (a warm pool keeps its members there). */
export type ExecutorFactory = (workRoot: string) => Promise<{ executor: Executor; explanation: string }>;

/** `factory`, and a getter for the executor it built (to wait for its pool, read its stats). */
export function capturingFactory(factory: ExecutorFactory): [ExecutorFactory, () => Executor | undefined] {
  let executor: Executor | undefined;
  const capture: ExecutorFactory = async (workRoot) => {
    const created = await factory(workRoot);
    executor = created.executor;
    return created;
  };
  return [capture, () => executor];
}

export async function withServer<T>(
  model: LanguageModel,
  executor: ExecutorFactory,
  run: (server: RunningServer, base: string) => Promise<T>,
): Promise<T> {
  const workRoot = await mkdtemp(join(tmpdir(), 'codeact-serve-bench-'));
  const server = await startServer({
    store: createMemoryTrajectoryStore(),
    models: createModelCatalog([{ id: 'script:bench', model }]),
    interpreters: createInterpreterCatalog([{ id: 'bench', create: () => executor(workRoot) }]),
    workRoot,
    tokens: [{ token }],
    logger: createMemoryLogger(),
    port: 0,
    limits: {
      messageBurst: 1000,
      messagesPerMinute: 100_000,
      requestBurst: 10_000,
      requestsPerMinute: 1_000_000,
      maxConcurrentRuns: 64,
      maxLiveSessions: 64,
    },
  });
  try {
    return await run(server, server.url);
  } finally {
    await server.close();
    await rm(workRoot, { recursive: true, force: true });
  }
}
