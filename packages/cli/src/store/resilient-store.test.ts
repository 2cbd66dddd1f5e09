import {
  ConfigurationError,
  capArtifacts,
  createMemoryTrajectoryStore,
  runAgent,
  type Trajectory,
} from '@codeact/core';
import { modelAnswer, modelCode, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { describe, expect, it } from 'vitest';
import { resilientStore } from './resilient-store.js';

/** A real trajectory (scripted model and executor) whose steps each showed one figure. */
async function trajectory(id: string, figures: readonly string[]): Promise<Trajectory> {
  const model = new ScriptedModel([...figures.map(() => modelCode('plot()')), modelAnswer('x')]);
  const executor = new ScriptedExecutor(
    figures.map((data, index) => ({
      artifacts: [{ type: 'image' as const, mimeType: 'image/png' as const, data, name: `figure-${index + 1}.png` }],
    })),
  );
  const result = await runAgent({ model, executor, prompt: 'plot', generateId: () => id });
  return result.trajectory;
}

/** The real memory store, whose writes fail `failures` times first (as a locked SQLite file does). */
function flakyStore(failures: number, error: () => Error = () => new Error('database is locked')) {
  const store = createMemoryTrajectoryStore();
  let left = failures;
  let calls = 0;
  const save = store.saveTrajectory.bind(store);
  store.saveTrajectory = async (value, options) => {
    calls += 1;
    if (left > 0) {
      left -= 1;
      throw error();
    }
    return save(value, options);
  };
  return { store, calls: () => calls };
}

describe('resilientStore', () => {
  it('retries a locked write until it lands', async () => {
    const { store, calls } = flakyStore(3);
    const warnings: string[] = [];
    const resilient = resilientStore(store, { warn: (message) => warnings.push(message), initialDelayMs: 1 });
    await resilient.saveTrajectory(await trajectory('a', []));
    expect(calls()).toBe(4);
    expect((await resilient.getTrajectory('a'))?.id).toBe('a');
    expect(warnings).toEqual([]);
  });

  it('gives up quietly after the last attempt, warning once for all failed writes', async () => {
    const { store } = flakyStore(100);
    const warnings: string[] = [];
    const resilient = resilientStore(store, {
      warn: (message) => warnings.push(message),
      attempts: 2,
      initialDelayMs: 1,
    });
    await expect(resilient.saveTrajectory(await trajectory('a', []))).resolves.toBeUndefined();
    await expect(resilient.saveTrajectory(await trajectory('b', []))).resolves.toBeUndefined();
    expect(warnings).toEqual(['could not save a trajectory (database is locked); going on without saving it']);
  });

  it('does not retry a caller mistake', async () => {
    const { store, calls } = flakyStore(100, () => new ConfigurationError('belongs to another owner'));
    const resilient = resilientStore(store, { warn: () => {}, initialDelayMs: 1 });
    await resilient.saveTrajectory(await trajectory('a', []));
    expect(calls()).toBe(1);
  });
});

describe('capArtifacts', () => {
  it('keeps figures up to the budget and empties the rest', async () => {
    const capped = capArtifacts(await trajectory('a', ['AAAA', 'BBBB', 'CCCC']), 8);
    expect(capped.steps.map((step) => step.execution?.artifacts[0]?.data)).toEqual(['AAAA', 'BBBB', '', undefined]);
    const untouched = await trajectory('b', ['AAAA']);
    expect(capArtifacts(untouched, 8)).toBe(untouched);
  });
});
