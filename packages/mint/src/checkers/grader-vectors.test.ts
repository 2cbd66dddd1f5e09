import { beforeAll, describe, expect, it } from 'vitest';
import { readMintDataLines } from '../__fixtures__/read-mint-data-lines.js';
import { getJsonField, parsePythonJson } from '../python/parse-python-json.js';
import type { PyValue } from '../python/python-value.js';
import { checkMultipleChoiceAnswer } from './check-multiple-choice-answer.js';
import { checkReasoningAnswer } from './check-reasoning-answer.js';
import { checkTheoremqaAnswer } from './check-theoremqa-answer.js';

type Vector = {
  task: string;
  task_id: number;
  reference: unknown;
  solution: string;
  recorded_verdict: boolean;
  checker: 'ReasoningTask' | 'MultipleChoiceTask' | 'TheoremqaTask';
  verdict_pre_fix?: boolean;
  verdict_current?: boolean | null;
  answer_type?: string;
  recorded_verdict_conflict?: boolean;
  pythonReference: PyValue;
};

let vectors: Vector[] = [];
const mmluPrompts = new Map<number, string>();

beforeAll(async () => {
  const lines = await readMintDataLines('derived/grader_test_vectors.jsonl.gz');
  vectors = lines.map((line) => {
    const row = JSON.parse(line) as Omit<Vector, 'pythonReference'>;
    return { ...row, pythonReference: getJsonField(parsePythonJson(line), 'reference') as PyValue };
  });
  for (const line of await readMintDataLines('mmlu/test_prompts.json')) {
    const row = JSON.parse(line) as { id: number; prompt: string };
    mmluPrompts.set(row.id, row.prompt);
  }
});

function disagreements(rows: readonly Vector[], verdict: (row: Vector) => boolean, expected: (row: Vector) => boolean) {
  return rows
    .filter((row) => verdict(row) !== expected(row))
    .map((row) => `${row.task}#${row.task_id} ${JSON.stringify(row.solution).slice(0, 80)}`);
}

describe('ReasoningTask checker against grader_test_vectors.jsonl', () => {
  const rows = () => vectors.filter((row) => row.checker === 'ReasoningTask');

  it('covers the gsm8k, math and hotpotqa rows', () => {
    expect(new Set(rows().map((row) => row.task))).toEqual(new Set(['gsm8k', 'math', 'hotpotqa']));
    expect(rows().length).toBeGreaterThan(15_000);
  });

  it('agrees with every recorded verdict under the recorded (pre-fix) rule', () => {
    const check = (row: Vector) =>
      checkReasoningAnswer({ solution: row.solution, reference: String(row.reference), rule: 'recorded' });
    expect(disagreements(rows(), check, (row) => row.recorded_verdict)).toEqual([]);
    expect(disagreements(rows(), check, (row) => row.verdict_pre_fix as boolean)).toEqual([]);
  });

  it('agrees with verdict_current under the current rule, which only changes negative references', () => {
    const check = (row: Vector) =>
      checkReasoningAnswer({ solution: row.solution, reference: String(row.reference), rule: 'current' });
    expect(disagreements(rows(), check, (row) => row.verdict_current as boolean)).toEqual([]);
    const changed = rows().filter((row) => row.verdict_current !== row.recorded_verdict);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((row) => String(row.reference).trim().startsWith('-'))).toBe(true);
  });
});

describe('MultipleChoiceTask checker against grader_test_vectors.jsonl', () => {
  it('agrees with every recorded verdict', () => {
    const rows = vectors.filter((row) => row.checker === 'MultipleChoiceTask');
    expect(rows.length).toBeGreaterThan(5000);
    const check = (row: Vector) =>
      checkMultipleChoiceAnswer({
        solution: row.solution,
        reference: String(row.reference),
        prompt: mmluPrompts.get(row.task_id) as string,
      });
    expect(disagreements(rows, check, (row) => row.recorded_verdict)).toEqual([]);
    expect(disagreements(rows, check, (row) => row.verdict_current as boolean)).toEqual([]);
  });
});

describe('TheoremqaTask checker against grader_test_vectors.jsonl', () => {
  const rows = () => vectors.filter((row) => row.checker === 'TheoremqaTask');
  const check = (row: Vector, optionRule: 'fixed' | 'pre-2023-10-11') =>
    checkTheoremqaAnswer({
      solution: row.solution,
      reference: row.pythonReference,
      answerType: row.answer_type as string,
      optionRule,
    });

  it('agrees with every recorded verdict under the fixed rule except option rows judged before the fix', () => {
    expect(rows().length).toBeGreaterThan(4000);
    const disagreeing = rows().filter((row) => check(row, 'fixed') !== row.recorded_verdict);
    // Each such row was only ever seen in runs scored before 2023-10-11, when options never matched.
    expect(disagreeing.every((row) => row.answer_type === 'option')).toBe(true);
    expect(disagreeing.filter((row) => check(row, 'pre-2023-10-11') !== row.recorded_verdict)).toEqual([]);
    expect(disagreeing.length).toBeLessThan(20);
  });

  it('accepts the rows whose verdict changed with the 2023-10-11 fix under the fixed rule only', () => {
    const conflicts = rows().filter((row) => row.recorded_verdict_conflict);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const row of conflicts) {
      expect(check(row, 'fixed')).toBe(true);
      expect(check(row, 'pre-2023-10-11')).toBe(false);
    }
  });

  it('agrees with every non-option row exactly', () => {
    const rest = rows().filter((row) => row.answer_type !== 'option');
    expect(
      disagreements(
        rest,
        (row) => check(row, 'fixed'),
        (row) => row.recorded_verdict,
      ),
    ).toEqual([]);
  });
});
