import type { Executor } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readM3Vectors } from './__fixtures__/read-m3-vectors.js';
import { m3ActionFormat } from './m3-action-format.js';
import { loadM3Data, type M3Format } from './m3-data.js';
import { openM3Session } from './run-m3-episode.js';

type Step = {
  action: string;
  observation: string | null;
  ipython_version_dependent: boolean;
  observation_summary?: { final_line: string };
};
type Sequence = { task_id: string; action_mode: string; steps: Step[] };

const sequences = readM3Vectors<Sequence>('action_vectors');
const formatOf = (mode: string) => mode.replace('_as_action', '') as M3Format;

let executor: Executor;
beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor?.dispose();
});

describe('M3ToolEval tool observations (action_vectors.jsonl)', () => {
  it('covers every family in every format', () => {
    expect(sequences).toHaveLength(15);
  });

  it.each(sequences.map((s) => [`${s.task_id} ${s.action_mode}`, s] as const))('%s', async (_name, sequence) => {
    const data = await loadM3Data();
    const task = data.tasks.find((t) => t.id === sequence.task_id)!;
    const format = formatOf(sequence.action_mode);
    const actionFormat = m3ActionFormat(format);
    const session = await openM3Session({ task, executor: async () => executor, fixed: false });
    try {
      for (const step of sequence.steps) {
        // Each vector is the action text after `Action:`; parse it the way a reply would be.
        const parsed = actionFormat.parse(`Action: ${step.action} End Action`);
        let observation: string;
        if (parsed.action.type === 'code') {
          observation = session.observationOf(await session.execute({ code: parsed.action.code }));
        } else if (parsed.action.type === 'tool-call') {
          observation = await session.toolCall(format as 'json' | 'text', actionFormat.contentOf(parsed.action)!);
        } else throw new Error(`unexpected ${parsed.action.type}`);
        if (step.ipython_version_dependent) {
          expect(observation.trimEnd().split('\n').at(-1), step.action).toBe(step.observation_summary!.final_line);
        } else {
          expect(observation, step.action).toBe(step.observation);
        }
      }
    } finally {
      await session.close();
    }
  });
});
