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
import { resolveExecutor } from '@codeact/executors';
import {
  createInterpreterCatalog,
  createMemoryLogger,
  createModelCatalog,
  type RunningServer,
  readSseMessages,
  startServer,
} from '@codeact/server';

/**
 * `npm run bench:serve`: the chat server over real HTTP on loopback with scripted models.
 * 1. SSE latency: how long a model's text delta takes to reach a client of the event stream.
 * 2. Concurrency: N conversations (default 20) each running a three-step turn at once, with the
 *    server's heap and RSS per conversation, first with a scripted interpreter (the server's own
 *    cost), then with real sandboxed CPython sessions (one per conversation, their RSS included).
 * Usage: node --expose-gc benchmarks/dist/serve/run-serve-bench.js [conversations] [--no-python]
 */

const token = 'bench-token-0123456789abcdef';
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams replies in chunks with a pause, stamping when each chunk was handed to the loop. */
class StreamingModel implements LanguageModel {
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
function threeStepReply(withLibraries: boolean) {
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

class InstantExecutor implements Executor {
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

type SseMessage = { event: string; data: string };

/** Reads an SSE response, calling `onMessage` per message, until it returns true. */
function readEvents(response: Response, onMessage: (message: SseMessage) => boolean | undefined): Promise<void> {
  return readSseMessages(response, onMessage);
}

async function api(base: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

const format = (value: number, digits = 2) => value.toFixed(digits);
const mib = (bytes: number) => bytes / 1024 / 1024;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Resident memory of this process's descendants (the sandboxed interpreters), from /proc. */
function childrenRss(): number {
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

async function withServer<T>(
  model: LanguageModel,
  executor: () => Promise<{ executor: Executor; explanation: string }>,
  run: (server: RunningServer, base: string) => Promise<T>,
): Promise<T> {
  const workRoot = await mkdtemp(join(tmpdir(), 'codeact-serve-bench-'));
  const server = await startServer({
    store: createMemoryTrajectoryStore(),
    models: createModelCatalog([{ id: 'script:bench', model }]),
    interpreters: createInterpreterCatalog([{ id: 'bench', create: executor }]),
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

async function measureLatency(): Promise<{ samples: number; p50: number; p95: number; p99: number; max: number }> {
  const chunks = 400;
  const text = Array.from({ length: chunks }, (_, index) => `c${String(index).padStart(5, '0')} `).join('');
  const model = new StreamingModel('latency', () => text, 7, 2);
  return withServer(
    model,
    async () => ({ executor: new InstantExecutor(), explanation: 'scripted' }),
    async (_server, base) => {
      const { conversation } = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
        conversation: { id: string };
      };
      const events = await fetch(`${base}/api/conversations/${conversation.id}/events`, { headers });
      const latencies: number[] = [];
      const done = readEvents(events, (message) => {
        if (message.event === 'agent') {
          const event = JSON.parse(message.data) as { type: string; text?: string };
          const sent = event.type === 'text-delta' && event.text ? model.sentAt.get(event.text) : undefined;
          if (sent !== undefined) latencies.push(performance.now() - sent);
        }
        return message.event === 'turn-end';
      });
      await api(base, `/api/conversations/${conversation.id}/messages`, { method: 'POST', body: { text: 'stream' } });
      await done;
      return {
        samples: latencies.length,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        max: Math.max(...latencies),
      };
    },
  );
}

type ConcurrencyResult = {
  conversations: number;
  wallMs: number;
  turnP50Ms: number;
  turnMaxMs: number;
  events: number;
  heapPerConversationKiB: number;
  rssPerConversationMiB: number;
  interpreterRssPerConversationMiB: number;
};

async function measureConcurrency(
  conversations: number,
  executor: () => Promise<{ executor: Executor; explanation: string }>,
  withLibraries = false,
): Promise<ConcurrencyResult> {
  const model = new StreamingModel('concurrent', threeStepReply(withLibraries), 8, 1);
  return withServer(model, executor, async (_server, base) => {
    // Warm up one conversation so code paths and the executor are loaded before the baseline.
    const warm = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
      conversation: { id: string };
    };
    await runTurn(base, warm.conversation.id);
    await api(base, `/api/conversations/${warm.conversation.id}`, { method: 'DELETE' });
    collectGarbage();
    await sleep(200);
    collectGarbage();
    const before = process.memoryUsage();
    const childrenBefore = childrenRss();
    const ids: string[] = [];
    for (let index = 0; index < conversations; index += 1) {
      const created = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
        conversation: { id: string };
      };
      ids.push(created.conversation.id);
    }
    const started = performance.now();
    const turns = await Promise.all(ids.map((id) => runTurn(base, id)));
    const wallMs = performance.now() - started;
    collectGarbage();
    await sleep(200);
    collectGarbage();
    const after = process.memoryUsage();
    const childrenAfter = childrenRss();
    const durations = turns.map((turn) => turn.ms);
    return {
      conversations,
      wallMs,
      turnP50Ms: percentile(durations, 0.5),
      turnMaxMs: Math.max(...durations),
      events: turns.reduce((sum, turn) => sum + turn.events, 0),
      heapPerConversationKiB: (after.heapUsed - before.heapUsed) / 1024 / conversations,
      rssPerConversationMiB: mib(after.rss - before.rss) / conversations,
      interpreterRssPerConversationMiB: mib(childrenAfter - childrenBefore) / conversations,
    };
  });
}

async function runTurn(base: string, id: string): Promise<{ ms: number; events: number }> {
  const started = performance.now();
  const stream = await fetch(`${base}/api/conversations/${id}/events`, { headers });
  let events = 0;
  let status = '';
  const done = readEvents(stream, (message) => {
    events += 1;
    if (message.event === 'turn-end') status = (JSON.parse(message.data) as { status: string }).status;
    return message.event === 'turn-end';
  });
  await api(base, `/api/conversations/${id}/messages`, { method: 'POST', body: { text: 'Sum 1..100' } });
  await done;
  if (status !== 'answer') throw new Error(`turn ended with ${status}`);
  return { ms: performance.now() - started, events };
}

async function main(): Promise<void> {
  const conversations = Number(process.argv.slice(2).find((argument) => /^\d+$/.test(argument)) ?? 20);
  const withPython = !process.argv.includes('--no-python');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!(globalThis as { gc?: unknown }).gc) out('(run with node --expose-gc for stable memory figures)');

  const latency = await measureLatency();
  out('## SSE event latency (model text delta → client, loopback HTTP)');
  out(
    `samples ${latency.samples} · p50 ${format(latency.p50)} ms · p95 ${format(latency.p95)} ms · p99 ${format(latency.p99)} ms · max ${format(latency.max)} ms`,
  );

  const rows: [string, ConcurrencyResult][] = [];
  rows.push([
    'scripted',
    await measureConcurrency(conversations, async () => ({ executor: new InstantExecutor(), explanation: 'scripted' })),
  ]);
  if (withPython) {
    const python = () => resolveExecutor({ interpreter: 'python' });
    rows.push(['python (bubblewrap)', await measureConcurrency(conversations, python)]);
    rows.push(['python, pandas + matplotlib loaded', await measureConcurrency(conversations, python, true)]);
  }
  out('');
  out(`## ${conversations} concurrent conversations, one 3-step turn each (2 code actions + answer)`);
  out(
    '| interpreter | wall time | turn p50 | turn max | SSE events | server heap / conv. | server RSS / conv. | interpreter RSS / conv. |',
  );
  out('|---|---|---|---|---|---|---|---|');
  for (const [name, row] of rows) {
    out(
      `| ${name} | ${format(row.wallMs / 1000)} s | ${format(row.turnP50Ms, 0)} ms | ${format(row.turnMaxMs, 0)} ms | ${row.events} | ${format(row.heapPerConversationKiB, 0)} KiB | ${format(row.rssPerConversationMiB)} MiB | ${format(row.interpreterRssPerConversationMiB)} MiB |`,
    );
  }
}

await main();
