import type { TaskRecord } from '../task-record.js';

type AppsRecord = {
  problem_id: number | string;
  question: string;
  input_output?: string | null;
  starter_code?: string | null;
  difficulty?: string;
};

/**
 * APPS (`codeparrot/apps` train JSONL) to tasks (spec §2.1): problems with tests, the prompt ending
 * with how to answer (starter-code function or stdin/stdout), the `apps` checker with the
 * `input_output` object as reference.
 */
export function convertApps(records: readonly unknown[]): TaskRecord[] {
  return (records as AppsRecord[]).flatMap((record) => {
    if (!record.input_output) return [];
    let tests: { inputs?: unknown[]; outputs?: unknown[]; fn_name?: string };
    try {
      tests = JSON.parse(record.input_output);
    } catch {
      return [];
    }
    if (!Array.isArray(tests.inputs) || tests.inputs.length === 0) return [];
    const starter = record.starter_code ?? '';
    const ending = tests.fn_name
      ? `\nYou should complete the provided starter code by filling in the function body for ${tests.fn_name}.`
      : '\nYou should write code that expect inputs from stdin and print outputs (to stdout).';
    return [
      {
        id: `apps/${record.problem_id}`,
        source: 'apps',
        prompt: `${record.question}\n${starter}${ending}`.trim(),
        reference: tests,
        checker: 'apps',
        tools: [],
        example: 'APPS',
        metadata: { difficulty: record.difficulty ?? null },
      },
    ];
  });
}
