import type { Executor } from '@codeact/core';
import { modelResponder, ScriptedModel, type ScriptedStep } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunScope } from '../../harness/benchmark-suite.js';
import { loadM3Data } from './m3-data.js';
import { loadM3ReferenceSolutions } from './reference-solutions.js';
import { runM3Episode } from './run-m3-episode.js';

let executor: Executor;
// Like a benchmark run: the next session is started while the current episode runs.
const cleanups: (() => void | Promise<void>)[] = [];
const run: RunScope = { state: new Map(), defer: (cleanup) => cleanups.push(cleanup) };
beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await executor?.dispose();
});

/** Runs the solution as a code action, then answers with whatever the observation said. */
function solve(solution: string): ScriptedStep[] {
  return [
    { type: 'reply', text: `Thought: run the reference solution.\nAction:\n${solution}\nEnd Action` },
    modelResponder((call) => `Answer: ${call.messages.at(-1)?.content ?? ''}`),
  ];
}

describe('reference solutions', async () => {
  const { tasks } = await loadM3Data();
  const solutions = await loadM3ReferenceSolutions();

  it('covers every task', () => {
    expect([...solutions.keys()].sort()).toEqual(tasks.map((task) => task.id).sort());
  });

  it.each(tasks.map((task) => [task.id, task] as const))(
    '%s reaches the answer through the code path',
    async (_id, task) => {
      const model = new ScriptedModel({ tasks: new Map([[task.id, solve(solutions.get(task.id)!)]]) });
      const result = await runM3Episode({
        task,
        format: 'code',
        model,
        executor: async () => executor,
        suiteOptions: {},
        abortSignal: new AbortController().signal,
        run,
      });
      const [action, answer] = result.trajectory.steps;
      expect(action?.execution?.error).toBeUndefined();
      expect(answer?.action).toEqual({ type: 'answer', answer: task.expectedStr, thought: '' });
      expect(result).toMatchObject({ success: true, turns: 2, endReason: 'correct' });
      model.assertComplete();
    },
  );
});
