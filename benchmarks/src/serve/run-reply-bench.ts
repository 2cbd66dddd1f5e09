import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  codeActFormat,
  createMemoryTrajectoryStore,
  type Execution,
  type Executor,
  type ExecutorSession,
  type LanguageModel,
  type ModelCallOptions,
  type ModelStreamPart,
  runAgent,
} from '@codeact/core';
import {
  createInterpreterCatalog,
  createMemoryLogger,
  createModelCatalog,
  readSseMessages,
  startServer,
} from '@codeact/server';

/**
 * `npm run bench:replies`: hostile model replies must cost the host time linear in their length.
 * 1. The agent loop alone: a 1 MiB `<thought>` then code, an 800 KB single line of code, and a 1 MiB
 *    reply cut at the default cap, each streamed in 4-byte chunks as fast as the loop takes them.
 * 2. The chat server: one conversation receives a 1 MiB reply in 4-byte chunks while a client keeps
 *    reading another conversation with `GET`; the latencies of those reads.
 * Usage: node benchmarks/dist/serve/run-reply-bench.js
 */

const token = 'bench-token-0123456789abcdef';
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const mebibyte = 1 << 20;
/** Flooded turns, one after another, while the other conversation is read. */
const floodTurns = 10;

/** Streams `reply(call)` in fixed-size chunks without pausing: the worst case for the host. */
class ChunkedModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'bench';
  readonly modelId = 'chunked';
  private readonly reply: (call: ModelCallOptions) => string;
  constructor(reply: (call: ModelCallOptions) => string) {
    this.reply = reply;
  }
  async *doStream(options: ModelCallOptions): AsyncIterable<ModelStreamPart> {
    const text = this.reply(options);
    for (let index = 0; index < text.length; index += 4)
      yield { type: 'text-delta', text: text.slice(index, index + 4) };
    yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: text.length >> 2 } };
  }
}

class InstantExecutor implements Executor {
  readonly specificationVersion = 'v1' as const;
  readonly executorId = 'instant';
  readonly description = 'runs no code';
  async createSession(): Promise<ExecutorSession> {
    return {
      sessionId: 'instant',
      workDir: undefined,
      execute: async (): Promise<Execution> => ({
        stdout: '',
        stderr: '',
        artifacts: [],
        executionCount: 1,
        durationMs: 0,
      }),
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    };
  }
  async dispose(): Promise<void> {}
}

const afterFirstTurn = (text: string) => (call: ModelCallOptions) =>
  call.messages.some((message) => message.role === 'assistant') ? '<solution>done</solution>' : text;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

async function timeLoop(reply: string, maxReplyChars: number | undefined): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    await runAgent({
      model: new ChunkedModel(afterFirstTurn(reply)),
      executor: new InstantExecutor(),
      prompt: 'go',
      ...(maxReplyChars === undefined ? {} : { maxReplyChars, actionFormat: codeActFormat({ maxReplyChars }) }),
    });
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function measureServer(): Promise<{
  reads: number;
  p50: number;
  p99: number;
  max: number;
  turnMs: number;
  quietP50: number;
  quietP99: number;
}> {
  const flood = `<thought>${'x'.repeat(mebibyte)}</thought>\n<execute>print(1)</execute>`;
  const model = new ChunkedModel((call) => {
    const last = call.messages.at(-1)?.content ?? '';
    if (call.messages.some((message) => message.role === 'assistant')) return '<solution>done</solution>';
    return last.includes('flood') ? flood : '<solution>hi</solution>';
  });
  const workRoot = await mkdtemp(join(tmpdir(), 'codeact-reply-bench-'));
  const server = await startServer({
    store: createMemoryTrajectoryStore(),
    models: createModelCatalog([{ id: 'bench:chunked', model }]),
    interpreters: createInterpreterCatalog([
      { id: 'instant', create: async () => ({ executor: new InstantExecutor(), explanation: 'runs no code' }) },
    ]),
    workRoot,
    tokens: [{ token }],
    logger: createMemoryLogger(),
    port: 0,
    limits: { requestBurst: 100_000, requestsPerMinute: 10_000_000 },
  });
  try {
    const create = async () => {
      const response = await fetch(`${server.url}/api/conversations`, { method: 'POST', headers, body: '{}' });
      return ((await response.json()) as { conversation: { id: string } }).conversation.id;
    };
    const other = await create();
    const read = async () => {
      const before = performance.now();
      const response = await fetch(`${server.url}/api/conversations/${other}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET conversation: ${response.status}`);
      return performance.now() - before;
    };
    // The same reads with nothing else running, side by side: the machine's own latency.
    const quiet: number[] = [];
    for (let index = 0; index < 30; index += 1) quiet.push(await read());
    const latencies: number[] = [];
    const started = performance.now();
    for (let turn = 0; turn < floodTurns; turn += 1) {
      const flooded = await create();
      const events = await fetch(`${server.url}/api/conversations/${flooded}/events`, { headers });
      let ended = false;
      const done = readSseMessages(events, (message) => {
        ended = message.event === 'turn-end';
        return ended;
      });
      const posted = await fetch(`${server.url}/api/conversations/${flooded}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'flood' }),
      });
      if (!posted.ok) throw new Error(`POST message: ${posted.status} ${await posted.text()}`);
      while (!ended) latencies.push(await read());
      await done;
    }
    return {
      reads: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
      turnMs: (performance.now() - started) / floodTurns,
      quietP50: percentile(quiet, 0.5),
      quietP99: percentile(quiet, 0.99),
    };
  } finally {
    await server.close();
    await rm(workRoot, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const thought = `<thought>${'why '.repeat(mebibyte / 4)}</thought>\n<execute>\nprint(1)\n</execute>`;
  const line = `<execute>x = ${'1+'.repeat(400_000)}1</execute>`;
  const uncapped = 2 * mebibyte;
  out('## Agent loop, one reply streamed in 4-byte chunks (median of 5)');
  out('| reply | cap | time |');
  out('|---|---|---|');
  out(`| 1 MiB <thought> then code (read whole) | 2 MiB | ${(await timeLoop(thought, uncapped)).toFixed(0)} ms |`);
  out(`| 800 KB single line of code (read whole) | 2 MiB | ${(await timeLoop(line, uncapped)).toFixed(0)} ms |`);
  out(`| 1 MiB <thought> then code | default (256 KiB) | ${(await timeLoop(thought, undefined)).toFixed(0)} ms |`);
  const server = await measureServer();
  out('');
  out(
    `## Chat server: GET of another conversation while ${floodTurns} others in turn receive a 1 MiB reply in 4-byte chunks`,
  );
  out(
    `${floodTurns} turns, ${server.turnMs.toFixed(0)} ms each · ${server.reads} reads · p50 ${server.p50.toFixed(1)} ms · p99 ${server.p99.toFixed(1)} ms · max ${server.max.toFixed(1)} ms`,
  );
  out(`same reads with nothing running: p50 ${server.quietP50.toFixed(1)} ms · p99 ${server.quietP99.toFixed(1)} ms`);
}

await main();
