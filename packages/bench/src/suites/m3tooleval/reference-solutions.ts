import { readFile } from 'node:fs/promises';
import { type M3Family, m3DataDir, m3Families } from './m3-data.js';

/**
 * Our own reference solution for every task: one Python code action that prints only the answer,
 * from `data/m3tooleval/solutions/<family>.py`. Sections start with `# %% <task id>`; a
 * `# %% (shared)` section is put in front of every solution of its file.
 */
export async function loadM3ReferenceSolutions(): Promise<ReadonlyMap<string, string>> {
  const solutions = new Map<string, string>();
  for (const family of m3Families as readonly M3Family[]) {
    const text = await readFile(`${m3DataDir}solutions/${family}.py`, 'utf8');
    let shared = '';
    for (const section of text.split(/^# %% /m).slice(1)) {
      const newline = section.indexOf('\n');
      const name = section.slice(0, newline).trim();
      const body = section.slice(newline + 1);
      if (name === '(shared)') shared = body;
      else solutions.set(name, `${shared}${body}`.trimEnd());
    }
  }
  return solutions;
}
