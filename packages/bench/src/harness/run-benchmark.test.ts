import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgent } from '@codeact/core';
import { modelAnswer, modelCode, ScriptedExecutor, ScriptedModel, type ScriptedStep } from '@codeact/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchmarkSuite, EpisodeResult } from './benchmark-suite.js';
import { episodePath } from './episode-store.js';
import type { Reporter } from './reporter.js';
import { runBenchmark } from './run-benchmark.js';

type DemoTask = { id: string; expected: string };
const demoTasks: DemoTask[] = ['alpha', 'beta', 'gamma', 'delta'].map((id, index) => ({
  id: `demo/${id}`,
  expected: String(index * 10),
}));

/** A tiny suite: each task asks for a number; the answer is checked; formats differ only by name. */
const demoSuite: BenchmarkSuite<DemoTask> = {
  specificationVersion: 'v1',
  name: 'demo',
  formats: ['code', 'text'],
  listTasks: async () => demoTasks,
  async runEpisode({ task, format, model, executor, abortSignal }) {
    const result = await runAgent({
      model,
      executor: await executor(),
      prompt: `What is ${task.expected}?`,
      taskId: task.id,
      abortSignal,
      checkAnswer: (answer) => ({ correct: answer === task.expected, feedback: 'Wrong.' }),
    });
    if (result.status === 'aborted') throw new Error('aborted');
    return {
      taskId: task.id,
      format,
      success: result.status === 'answer',
      turns: result.trajectory.steps.length,
      usage: result.usage,
      endReason: result.status === 'answer' ? 'correct' : 'limit',
      durationMs: result.trajectory.durationMs,
      trajectory: result.trajectory,
    };
  },
};

function script(): Map<string, ScriptedStep[]> {
  const tasks = new Map<string, ScriptedStep[]>();
  for (const task of demoTasks) {
    // Code: one action, then the right answer. Text: a wrong answer for beta, right for the rest.
    tasks.set(`code:${task.id}`, [modelCode(`print(${task.expected})`), modelAnswer(task.expected)]);
    tasks.set(
      `text:${task.id}`,
      task.id === 'demo/beta' ? [modelAnswer('-1'), modelAnswer('-2')] : [modelAnswer(task.expected)],
    );
  }
  return tasks;
}

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'bench-harness-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const executor = () => new ScriptedExecutor(() => ({ stdout: 'ok\n' }));

describe('runBenchmark', () => {
  it('runs every task in every format and writes results, report and chart', async () => {
    const model = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    const events: string[] = [];
    const reporter: Reporter = {
      onRunStart: (info) => events.push(`start ${info.total} skipped ${info.skipped}`),
      onEpisodeEnd: (result, progress) =>
        events.push(`end ${result.format} ${result.taskId} ${progress.done}/${progress.total}`),
      onRunEnd: (run) => events.push(`run-end ${run.complete}`),
    };
    // Two turns max for the failing text task: limit by scripted replies (two wrong answers, then exhausted).
    const run = await runBenchmark({ suite: demoSuite, model, executor, outDir, reporter, concurrency: 2 });
    expect(run.complete).toBe(false);
    expect(run.errors).toEqual([
      { taskId: 'demo/beta', format: 'text', message: expect.stringContaining('no reply left') },
    ]);
    expect(events[0]).toBe('start 8 skipped 0');
    expect(events.at(-1)).toBe('run-end false');
    expect(events.filter((event) => event.startsWith('end '))).toHaveLength(7);

    const results = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
    expect(results.summary).toEqual({
      code: { success: 4, total: 4, avgTurns: 2 },
      text: { success: 3, total: 3, avgTurns: 1 },
    });
    expect(results.tasks['demo/alpha']).toEqual({
      code: {
        success: true,
        turns: 2,
        tokens: { input: expect.any(Number), output: expect.any(Number) },
        endReason: 'correct',
      },
      text: {
        success: true,
        turns: 1,
        tokens: { input: expect.any(Number), output: expect.any(Number) },
        endReason: 'correct',
      },
    });
    expect(results.tasks['demo/beta'].text).toBeUndefined();
    const report = await readFile(join(outDir, 'report.md'), 'utf8');
    expect(report).toContain('| code | 4/4 | 100.0 | 2.0 |');
    expect(report).toContain('Incomplete run');
    const svg = await readFile(join(outDir, 'chart.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const stored = JSON.parse(await readFile(episodePath(outDir, 'code', 'demo/gamma'), 'utf8')) as EpisodeResult;
    expect(stored.trajectory.steps.map((step) => step.action.type)).toEqual(['code', 'answer']);
    expect(stored.trajectory.taskId).toBe('demo/gamma');
  });

  it('resumes after an abort without losing or repeating episodes', async () => {
    const first = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    const controller = new AbortController();
    let ended = 0;
    const stopAfterThree: Reporter = {
      onEpisodeEnd: () => {
        ended += 1;
        if (ended === 3) controller.abort();
      },
    };
    const partial = await runBenchmark({
      suite: demoSuite,
      model: first,
      executor,
      outDir,
      reporter: stopAfterThree,
      abortSignal: controller.signal,
      formats: ['code', 'text'],
      tasks: 'demo/alpha,demo/gamma,demo/delta',
    });
    expect(partial.complete).toBe(false);
    expect(partial.results).toHaveLength(3);
    const files = (await readdir(join(outDir, 'episodes'), { recursive: true })).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(3);
    expect(files.some((file) => file.endsWith('.tmp'))).toBe(false);

    const second = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    const skippedSeen: number[] = [];
    const run = await runBenchmark({
      suite: demoSuite,
      model: second,
      executor,
      outDir,
      reporter: { onRunStart: (info) => skippedSeen.push(info.skipped) },
      tasks: 'demo/alpha,demo/gamma,demo/delta',
    });
    expect(skippedSeen).toEqual([3]);
    expect(run.complete).toBe(true);
    expect(run.results.map((r) => `${r.format} ${r.taskId}`)).toEqual([
      'code demo/alpha',
      'code demo/gamma',
      'code demo/delta',
      'text demo/alpha',
      'text demo/gamma',
      'text demo/delta',
    ]);
    // The second run only asked the model about the three episodes the first one had not finished.
    const askedFirst = new Set(first.calls.map((call) => call.taskId));
    const askedSecond = new Set(second.calls.map((call) => call.taskId));
    expect(askedFirst.size + askedSecond.size).toBe(6);
    for (const key of askedSecond) expect(askedFirst.has(key)).toBe(false);
    const results = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
    expect(results.complete).toBe(true);
    expect(results.summary).toEqual({
      code: { success: 3, total: 3, avgTurns: 2 },
      text: { success: 3, total: 3, avgTurns: 1 },
    });
  });

  it('refuses to resume a directory that holds another model', async () => {
    const model = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    await runBenchmark({ suite: demoSuite, model, executor, outDir, tasks: 'demo/alpha', formats: ['text'] });
    const other = new ScriptedModel({ tasks: script(), modelId: 'other-model' });
    await expect(runBenchmark({ suite: demoSuite, model: other, executor, outDir })).rejects.toThrow(
      /holds a run of demo/,
    );
  });

  it('reruns an episode whose file is corrupt', async () => {
    const model = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    await runBenchmark({ suite: demoSuite, model, executor, outDir, tasks: 'demo/alpha', formats: ['text'] });
    await writeFile(episodePath(outDir, 'text', 'demo/alpha'), '{"taskId": "demo/al');
    const again = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    const run = await runBenchmark({
      suite: demoSuite,
      model: again,
      executor,
      outDir,
      tasks: 'demo/alpha',
      formats: ['text'],
    });
    expect(again.calls).toHaveLength(1);
    expect(run.summary).toEqual({ text: { success: 1, total: 1, avgTurns: 1 } });
  });

  it('gives episodes a shared run scope and runs its cleanups at the end', async () => {
    const seen = new Set<unknown>();
    const order: string[] = [];
    const scoped: BenchmarkSuite<DemoTask> = {
      ...demoSuite,
      async runEpisode(options) {
        seen.add(options.run?.state);
        if (!options.run?.state.has('opened')) {
          options.run?.state.set('opened', true);
          options.run?.defer(() => {
            order.push('cleanup');
          });
        }
        return demoSuite.runEpisode(options);
      },
    };
    const model = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    await runBenchmark({
      suite: scoped,
      model,
      executor,
      outDir,
      tasks: 'demo/alpha,demo/gamma',
      concurrency: 2,
      reporter: { onRunEnd: () => order.push('run-end') },
    });
    expect(seen.size).toBe(1);
    expect(order).toEqual(['cleanup', 'run-end']);
  });

  it('selects tasks by alias too', async () => {
    const aliased: BenchmarkSuite<DemoTask> = {
      ...demoSuite,
      listTasks: async () => demoTasks.map((task) => ({ ...task, aliases: [task.id.replace('demo/', 'short/')] })),
    };
    const model = new ScriptedModel({ tasks: script(), modelId: 'demo-model' });
    const run = await runBenchmark({ suite: aliased, model, executor, outDir, tasks: 'short/a*', formats: ['text'] });
    expect(run.results.map((result) => result.taskId)).toEqual(['demo/alpha']);
  });

  it('rejects unknown formats and empty task selections', async () => {
    const model = new ScriptedModel([]);
    await expect(runBenchmark({ suite: demoSuite, model, executor, outDir, formats: ['xml'] })).rejects.toThrow(
      'demo has no format xml; it has code, text.',
    );
    await expect(runBenchmark({ suite: demoSuite, model, executor, outDir, tasks: 'nope/*' })).rejects.toThrow(
      'No demo task matches "nope/*".',
    );
  });
});
