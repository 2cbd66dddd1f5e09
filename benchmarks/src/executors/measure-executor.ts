import type { Executor, ExecutorSession, ToolHost } from '@codeact/core';
import { bareTools, benchTools, toolCallLoop } from './bench-tools.js';
import type { FloorSampler, Floors } from './measure-floors.js';
import { treeMemory } from './process-memory.js';
import { type Summary, summarize } from './stats.js';

export type ExecutorFigures = {
  readonly label: string;
  readonly description: string;
  /** `create<X>Executor()` until it resolves (Pyodide: includes filling its warm pool). */
  readonly createExecutorMs: number;
  /** `createSession()` until the interpreter is ready for code. */
  readonly start: Summary;
  readonly trivial: Summary;
  /** Python → TS → Python through core's `createToolHost`, timed inside Python. */
  readonly toolCall: Summary;
  /** The same with a bare ToolHost: the executor's bridge alone. */
  readonly toolBridge: Summary;
  /** `while True: pass`: time past the deadline until the execution resolves. */
  readonly interrupt: Summary;
  /** `sum(range(10**12))` (ignores interrupts): time past the deadline until the execution resolves. */
  readonly runaway: Summary;
  /** From the hard kill (deadline + grace) until a fresh interpreter has run `pass`. */
  readonly respawn: Summary;
  readonly rssPerSessionMb: number;
  readonly pssPerSessionMb: number;
  /** Floor samples taken interleaved with these measurements, when a sampler was given. */
  readonly floors: Floors | undefined;
};

export type MeasureOptions = {
  readonly label: string;
  readonly createExecutor: () => Promise<Executor>;
  /** The executor's grace between interrupt and kill, subtracted to time the kill-and-respawn alone. */
  readonly interruptGraceMs: number;
  readonly starts: number;
  readonly actions: number;
  readonly toolCalls: number;
  readonly interrupts: number;
  readonly runaways: number;
  readonly idleSessions: number;
  /** Untimed preparation before each timed `createSession` and before measuring memory (e.g. refill a warm pool). */
  readonly beforeSession?: (() => Promise<void>) | undefined;
  /** Interleave floor samples (spawn before each start and respawn, echo before each action). */
  readonly floor?: FloorSampler | undefined;
};

const deadlineMs = 100;
const toolBlocks = 10;

function elapsedSince(started: number): number {
  return performance.now() - started;
}

async function overrun(session: ExecutorSession, code: string): Promise<number> {
  const started = performance.now();
  const execution = await session.execute({ code, timeoutMs: deadlineMs });
  if (!execution.timedOut) throw new Error(`Expected a timeout from: ${code}`);
  return elapsedSince(started) - deadlineMs;
}

async function timeToolCalls(session: ExecutorSession, count: number): Promise<number[]> {
  const execution = await session.execute({ code: toolCallLoop(count), timeoutMs: 600_000 });
  if (execution.error || execution.result === undefined) throw new Error(execution.error?.traceback ?? 'no result');
  return execution.result
    .replaceAll("'", '')
    .split(',')
    .map((ns) => Number(ns) / 1e6);
}

async function measureMemory(executor: Executor, count: number, settle: () => Promise<void>) {
  await settle();
  const before = treeMemory();
  const sessions: ExecutorSession[] = [];
  for (let index = 0; index < count; index += 1) {
    const session = await executor.createSession({ tools: benchTools() });
    await session.execute({ code: 'x = 1' });
    sessions.push(session);
  }
  await settle();
  const after = treeMemory();
  await Promise.all(sessions.map((session) => session.close()));
  return { rss: (after.rssMb - before.rssMb) / count, pss: (after.pssMb - before.pssMb) / count };
}

/** Every per-interpreter figure, through the public `Executor` interface only. */
export async function measureExecutor(options: MeasureOptions): Promise<ExecutorFigures> {
  const { floor } = options;
  const passes: number[] = [];
  const echoes: number[] = [];
  const samplePass = async () => {
    if (floor) passes.push(await floor.spawnPass());
  };
  const sampleEcho = async () => {
    if (floor) echoes.push(await floor.echo());
  };
  const created = performance.now();
  const executor = await options.createExecutor();
  const createExecutorMs = elapsedSince(created);
  const settle = options.beforeSession ?? (() => Promise.resolve());
  const openSession = (tools: ToolHost) => executor.createSession({ tools });
  try {
    const starts: number[] = [];
    for (let index = 0; index < options.starts; index += 1) {
      await samplePass();
      await settle();
      const started = performance.now();
      const session = await openSession(benchTools());
      starts.push(elapsedSince(started));
      await session.close();
    }
    const session = await openSession(benchTools());
    for (let index = 0; index < 200; index += 1) await session.execute({ code: 'x = 1' });
    const trivial: number[] = [];
    for (let index = 0; index < options.actions; index += 1) {
      await sampleEcho();
      const started = performance.now();
      await session.execute({ code: 'x = 1' });
      trivial.push(elapsedSince(started));
    }
    await timeToolCalls(session, 200);
    const toolCalls: number[] = [];
    for (let block = 0; block < toolBlocks; block += 1) {
      toolCalls.push(...(await timeToolCalls(session, Math.ceil(options.toolCalls / toolBlocks))));
      for (let index = 0; index < options.actions / toolBlocks; index += 1) await sampleEcho();
    }
    const interrupts: number[] = [];
    for (let index = 0; index < options.interrupts; index += 1) {
      interrupts.push(await overrun(session, 'while True:\n    pass'));
    }
    const runaways: number[] = [];
    const respawns: number[] = [];
    for (let index = 0; index < options.runaways; index += 1) {
      await samplePass();
      const stoppedAfter = await overrun(session, 'sum(range(10**12))');
      const ready = performance.now();
      await session.execute({ code: 'pass' });
      runaways.push(stoppedAfter);
      respawns.push(stoppedAfter - options.interruptGraceMs + elapsedSince(ready));
    }
    await session.close();
    const bare = await openSession(bareTools());
    await timeToolCalls(bare, 200);
    const toolBridge = await timeToolCalls(bare, options.toolCalls);
    await bare.close();
    const memory = await measureMemory(executor, options.idleSessions, settle);
    return {
      label: options.label,
      description: executor.description,
      createExecutorMs,
      start: summarize(starts),
      trivial: summarize(trivial),
      toolCall: summarize(toolCalls),
      toolBridge: summarize(toolBridge),
      interrupt: summarize(interrupts),
      runaway: summarize(runaways),
      respawn: summarize(respawns),
      rssPerSessionMb: memory.rss,
      pssPerSessionMb: memory.pss,
      floors: floor ? { pythonPass: summarize(passes), pipeEcho: summarize(echoes) } : undefined,
    };
  } finally {
    await executor.dispose();
  }
}
