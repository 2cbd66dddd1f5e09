import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError, createMemoryTrajectoryStore, iterateTrajectories, type Trajectory } from '@codeact/core';
import { ScriptedModel } from '@codeact/core/testing';
import { createWikipediaSearchTool } from '@codeact/mint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JS fixture shared with the child process.
import { scriptedExecutor, scriptedModel, unsolvedByPrimary } from '../__fixtures__/collect-script.mjs';
import { originalRule, selfImprovement } from '../filter/filters.js';
import { applyStages } from '../filter/trajectory-stage.js';
import { fromArray, toArray } from '../jsonl/jsonl.js';
import { readTasks } from '../task/read-tasks.js';
import type { TaskRecord } from '../task/task-record.js';
import type { CollectReporter } from './collect-reporter.js';
import { collectTrajectories } from './collect-trajectories.js';

const here = dirname(fileURLToPath(import.meta.url));
const sampleTasks = join(here, '../../samples/tasks/sample.jsonl');

const tools = { wikipedia_search: createWikipediaSearchTool({ fetch: () => Promise.reject(new Error('offline')) }) };

type Script = { scriptedModel: (tasks: TaskRecord[], options?: object) => ScriptedModel };
const makeModel = (tasks: TaskRecord[], options: object = {}) =>
  (scriptedModel as Script['scriptedModel'])(tasks, options);

function recordingReporter() {
  const events: string[] = [];
  const reporter: CollectReporter = {
    onCollectStart: (plan) =>
      events.push(`start ${plan.tasks} tasks, ${plan.planned} planned, ${plan.skipped} skipped`),
    onEpisodeEnd: (episode) =>
      events.push(`${episode.taskId} ${episode.role} ${episode.success ? 'solved' : 'unsolved'}`),
    onEpisodeError: (episode) => events.push(`${episode.taskId} error`),
    onFallbackStart: (plan) => events.push(`fallback ${plan.planned}`),
    onCollectEnd: (summary) => events.push(`end ${summary.completed} run, ${summary.solved} solved`),
  };
  return { events, reporter };
}

async function stored(store: ReturnType<typeof createMemoryTrajectoryStore>, dataset: string): Promise<Trajectory[]> {
  const all: Trajectory[] = [];
  for await (const trajectory of iterateTrajectories(store, { dataset })) all.push(trajectory);
  return all;
}

describe('collectTrajectories', () => {
  it('runs every sample task under the MINT protocol and saves each episode', async () => {
    const tasks = await readTasks(sampleTasks);
    const store = createMemoryTrajectoryStore();
    const model = makeModel(tasks);
    const { events, reporter } = recordingReporter();
    const summary = await collectTrajectories({
      tasks,
      model,
      executor: scriptedExecutor(),
      store,
      dataset: 'run',
      tools,
      reporter,
    });
    expect(summary).toEqual({
      planned: 9,
      skipped: 0,
      completed: 9,
      solved: 7,
      failed: 0,
      fallback: { planned: 0, completed: 0, solved: 0 },
      aborted: false,
    });
    expect(events[0]).toBe('start 9 tasks, 9 planned, 0 skipped');
    expect(events.at(-1)).toBe('end 9 run, 7 solved');
    const trajectories = await stored(store, 'run');
    expect(trajectories.map((trajectory) => trajectory.taskId)).toEqual(tasks.map((task) => task.id));
    const first = trajectories[0] as Trajectory;
    expect(first.id).toBe('run/hotpotqa/5a8b57f25542995d1e6f1371/script:scripted');
    expect(first.metadata).toMatchObject({
      source: 'hotpotqa',
      success: true,
      collection: { dataset: 'run', role: 'primary' },
    });
    // One MINT prompt: template, tools, in-context example, task; then Assistant:/Observation: turns.
    expect(first.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(first.messages[0]?.content).toContain('[1] wikipedia_search(query: str) -> str');
    expect(first.messages[0]?.content).toContain('You have 5 chances to interact with the environment');
    expect(
      first.messages[0]?.content.endsWith('Task:\nWere Scott Derrickson and Ed Wood of the same nationality?\n'),
    ).toBe(true);
    expect(first.messages[1]?.content.startsWith('Assistant:\n<thought> Look at the data first. </thought>')).toBe(
      true,
    );
    expect(first.messages[2]?.content).toBe(
      "Observation:\nTraceback (most recent call last):\n  Cell In[1], line 1\nNameError: name 'undefined_name' is not defined\nYou have 4 steps left and 2 chances to propose solution left.\n",
    );
    expect(first.messages[4]?.content).toBe(
      'Observation:\nok\nYou have 3 steps left and 2 chances to propose solution left.\n',
    );
    const unsolved = trajectories.find((trajectory) => trajectory.taskId === 'math/algebra/11');
    expect(unsolved?.messages.at(-2)?.content).toBe(
      'Observation:\nYour answer is wrong.\nYou have 2 steps left and 1 chances to propose solution left.\n',
    );
    expect(unsolved?.outcome.status).toBe('max-turns');
    expect(unsolved?.metadata?.success).toBe(false);
    // The same trajectories pass the original filter, and with their error → fix → answer, the strict one.
    const { trajectories: kept, funnel } = applyStages(fromArray(trajectories), originalRule());
    expect(await toArray(kept)).toHaveLength(7);
    expect(funnel.map((step) => [step.stage, step.out])).toEqual([
      ['success', 7],
      ['min-turns(3)', 7],
      ['exclude-sources(strategyqa)', 7],
      ['code-as-actions', 7],
      ['even-history', 7],
      ['not-all-failed', 7],
    ]);
    expect(await toArray(selfImprovement()(fromArray(trajectories)))).toHaveLength(7);
  });

  it('resumes after an abort midway, running only what is missing', async () => {
    const tasks = await readTasks(sampleTasks);
    const store = createMemoryTrajectoryStore();
    const controller = new AbortController();
    let finished = 0;
    const first = await collectTrajectories({
      tasks,
      model: makeModel(tasks),
      executor: scriptedExecutor(),
      store,
      dataset: 'resume',
      tools,
      abortSignal: controller.signal,
      reporter: {
        onEpisodeEnd: () => {
          if (++finished === 4) controller.abort(new Error('stop'));
        },
      },
    });
    expect(first).toMatchObject({ completed: 4, aborted: true });
    const before = await stored(store, 'resume');
    expect(before).toHaveLength(4);
    const model = makeModel(tasks);
    const second = await collectTrajectories({
      tasks,
      model,
      executor: scriptedExecutor(),
      store,
      dataset: 'resume',
      tools,
    });
    expect(second).toMatchObject({ planned: 9, skipped: 4, completed: 5, aborted: false });
    const after = await stored(store, 'resume');
    expect(after.map((trajectory) => trajectory.taskId).sort()).toEqual(tasks.map((task) => task.id).sort());
    expect(after.slice(0, 4)).toEqual(before);
    const called = new Set(model.calls.map((call) => call.taskId));
    expect(before.every((trajectory) => !called.has(trajectory.taskId))).toBe(true);
  });

  it('runs the fallback model on the tasks no model solved, also after a resume', async () => {
    const tasks = await readTasks(sampleTasks);
    const store = createMemoryTrajectoryStore();
    const strong = makeModel(tasks, { modelId: 'strong', wrong: [] });
    const summary = await collectTrajectories({
      tasks,
      model: [makeModel(tasks, { modelId: 'a' }), makeModel(tasks, { modelId: 'b' })],
      fallbackModel: strong,
      executor: scriptedExecutor(),
      store,
      dataset: 'hard',
      tools,
      concurrency: 3,
    });
    expect(summary).toMatchObject({
      planned: 20,
      completed: 20,
      solved: 16,
      fallback: { planned: 2, completed: 2, solved: 2 },
    });
    expect([...new Set(strong.calls.map((call) => call.taskId))].sort()).toEqual(
      [...(unsolvedByPrimary as string[])].sort(),
    );
    const fallback = (await stored(store, 'hard')).filter((trajectory) => trajectory.model.modelId === 'strong');
    expect(
      fallback.every(
        (trajectory) => (trajectory.metadata?.collection as { role?: string } | undefined)?.role === 'fallback',
      ),
    ).toBe(true);
    const again = await collectTrajectories({
      tasks,
      model: [makeModel(tasks, { modelId: 'a' }), makeModel(tasks, { modelId: 'b' })],
      fallbackModel: makeModel(tasks, { modelId: 'strong', wrong: [] }),
      executor: scriptedExecutor(),
      store,
      dataset: 'hard',
      tools,
    });
    expect(again).toMatchObject({ planned: 20, skipped: 20, completed: 0 });
  });

  it('does not save an episode whose model call failed, and retries it on resume', async () => {
    const tasks = (await readTasks(sampleTasks)).slice(0, 2);
    const store = createMemoryTrajectoryStore();
    const broken = new ScriptedModel({ tasks: new Map([[tasks[0]?.id as string, []]]) });
    const { events, reporter } = recordingReporter();
    const summary = await collectTrajectories({
      tasks: tasks.slice(0, 1),
      model: broken,
      executor: scriptedExecutor(),
      store,
      tools,
      reporter,
    });
    expect(summary).toMatchObject({ completed: 0, failed: 1 });
    expect(events).toContain(`${tasks[0]?.id} error`);
    expect(await stored(store, 'collect')).toEqual([]);
  });

  it('refuses to start without the tools or checkers the tasks need', async () => {
    const tasks = await readTasks(join(here, '../../samples/tasks/alfworld.jsonl'));
    const store = createMemoryTrajectoryStore();
    const run = collectTrajectories({ tasks, model: makeModel(tasks), executor: scriptedExecutor(), store });
    await expect(run).rejects.toBeInstanceOf(ConfigurationError);
    await expect(run).rejects.toThrow(/ALFWorld game engine.*no tool "goto"/s);
  });
});
