import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { TaskRecord } from '../task-record.js';

export type MathProblem = { problem: string; level: string; type: string; solution: string; file?: string };

/** The last `\boxed{…}` (or `\fbox{…}`) of a MATH solution, braces balanced. */
export function lastBoxed(solution: string): string | undefined {
  const start = Math.max(solution.lastIndexOf('\\boxed'), solution.lastIndexOf('\\fbox'));
  if (start === -1) return undefined;
  const open = solution.indexOf('{', start);
  if (open === -1) {
    const inline = /^\\boxed (\S+)/.exec(solution.slice(start));
    return inline?.[1]?.replace(/\$$/, '');
  }
  let depth = 0;
  for (let index = open; index < solution.length; index++) {
    if (solution[index] === '{') depth += 1;
    else if (solution[index] === '}' && --depth === 0) return solution.slice(open + 1, index);
  }
  return undefined;
}

const subject = (type: string) =>
  type
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * MATH (Hendrycks: one JSON file per problem, `{problem, level, type, solution}`) to tasks: Level 3 and
 * up (spec §2.1), the answer from the solution's last `\boxed{}`, the `math` checker and the
 * `wikipedia_search` tool, as the original did.
 */
export function convertMath(
  problems: readonly MathProblem[],
  options: { readonly minLevel?: number } = {},
): TaskRecord[] {
  const minLevel = options.minLevel ?? 3;
  return problems.flatMap((problem, index) => {
    const level = Number(/Level (\d)/.exec(problem.level)?.[1] ?? Number.NaN);
    const answer = lastBoxed(problem.solution);
    if (!(level >= minLevel) || answer === undefined) return [];
    const name = problem.file ? basename(problem.file, '.json') : String(index);
    return [
      {
        id: `math/${subject(problem.type)}/${name}`,
        source: 'math',
        prompt: problem.problem,
        reference: answer,
        checker: 'math',
        tools: ['wikipedia_search'],
        example: 'reasoning',
        metadata: { subject: subject(problem.type), level },
      },
    ];
  });
}

/** Reads every `*.json` problem under a MATH split folder (e.g. `MATH/train`), in path order. */
export async function readMathDirectory(root: string): Promise<MathProblem[]> {
  const files: string[] = [];
  const walk = async (folder: string) => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.json')) files.push(path);
    }
  };
  await walk(root);
  return Promise.all(
    files.map(async (file) => ({
      ...(JSON.parse(await readFile(file, 'utf8')) as MathProblem),
      file: relative(root, file),
    })),
  );
}
