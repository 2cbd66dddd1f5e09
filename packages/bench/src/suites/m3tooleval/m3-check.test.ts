import type { Executor } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readM3Vectors } from './__fixtures__/read-m3-vectors.js';
import { loadM3Data, type M3Task } from './m3-data.js';
import { openM3Session } from './run-m3-episode.js';

type CheckVector = { id: string; answer: string; original_verdict: boolean };
const vectors = readM3Vectors<CheckVector>('check_answer_vectors');

let executor: Executor;
beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor?.dispose();
});

async function verdicts(tasks: readonly M3Task[], fixed: boolean, cases: readonly { id: string; answer: string }[]) {
  const session = await openM3Session({ task: tasks[0]!, executor: async () => executor, fixed });
  try {
    const out: boolean[] = [];
    for (const { id, answer } of cases) {
      const task = tasks.find((candidate) => candidate.id === id)!;
      out.push(await session.check(answer, task.expectedRepr));
    }
    return out;
  } finally {
    await session.close();
  }
}

describe('answer check (check_answer_vectors.jsonl)', () => {
  it('agrees with the original on all 817 answers', async () => {
    const { tasks } = await loadM3Data();
    expect(vectors).toHaveLength(817);
    const ours = await verdicts(tasks, false, vectors);
    const disagreements = vectors.filter((vector, index) => ours[index] !== vector.original_verdict);
    expect(disagreements).toEqual([]);
  });

  it('repairs the documented slips in fixed mode', async () => {
    const { tasks } = await loadM3Data();
    const cases = [
      // Float truncation: the integer part is no longer enough, two decimals are.
      { id: 'trade_calculator/estimate_final_value', answer: '161', faithful: true, fixed: false },
      { id: 'trade_calculator/estimate_final_value', answer: '161.25', faithful: true, fixed: true },
      { id: 'web_browsing/total_price_of_selected_items_2', answer: '380.42', faithful: false, fixed: true },
      {
        id: 'web_browsing/total_price_of_selected_items_after_discount_1',
        answer: '228.16',
        faithful: false,
        fixed: true,
      },
      // The instructions' own list example (ints) and other renderings of containers.
      {
        id: 'trade_calculator/fluctuating_conversion_rates_impact',
        answer: '[36380, 48150, 68480]',
        faithful: false,
        fixed: true,
      },
      {
        id: 'trade_calculator/fluctuating_conversion_rates_impact',
        answer: '[36380, 48150, 1]',
        faithful: false,
        fixed: false,
      },
      {
        id: 'cryptobotanists_plant_dna_sequencer/reverse_transcribe_palindrome_check',
        answer: '{"A": 2, "T": 1, "C": 2, "G": 1}',
        faithful: false,
        fixed: true,
      },
      {
        id: 'cryptobotanists_plant_dna_sequencer/find_most_common_nucleotide_combined_sequence',
        answer: "['A', 3]",
        faithful: false,
        fixed: true,
      },
      { id: 'message_decoder/full_alien_message_decoding', answer: "'fchahcufcu'", faithful: true, fixed: true },
      { id: 'message_decoder/full_alien_message_decoding', answer: 'Fchahcufcu', faithful: false, fixed: false },
      {
        id: 'cryptobotanists_plant_dna_sequencer/transcribe_translate_find_amino_acid',
        answer: 'False',
        faithful: true,
        fixed: true,
      },
    ];
    expect(await verdicts(tasks, false, cases)).toEqual(cases.map((c) => c.faithful));
    expect(await verdicts(tasks, true, cases)).toEqual(cases.map((c) => c.fixed));
  });
});
