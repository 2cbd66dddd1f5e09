import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTasks } from '../read-tasks.js';
import { convertPublicDataset, type PublicDataset } from './convert-public-dataset.js';
import { parseCsv } from './csv.js';
import { lastBoxed } from './math.js';
import { renderTableHead, unescapeWtq } from './wiki-table-questions.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../__fixtures__/public');
const samples = join(here, '../../../samples/tasks');
const inputs: Record<PublicDataset, string> = {
  hotpotqa: join(fixtures, 'hotpot_train_sample.json'),
  math: join(fixtures, 'math/train'),
  apps: join(fixtures, 'apps_train_sample.jsonl'),
  wtq: join(fixtures, 'wtq'),
  alfworld: join(fixtures, 'alfworld_games.jsonl'),
};

describe('convertPublicDataset', () => {
  it.each(Object.keys(inputs) as PublicDataset[])('turns the %s sample into the shipped task file', async (dataset) => {
    const tasks = await convertPublicDataset(dataset, inputs[dataset]);
    expect(tasks).toEqual(await readTasks(join(samples, `${dataset}.jsonl`)));
  });

  it('keeps only hard HotpotQA questions, with the search tool and reasoning checker', async () => {
    const tasks = await convertPublicDataset('hotpotqa', inputs.hotpotqa);
    expect(tasks.map((task) => [task.id, task.reference, task.checker, task.tools])).toEqual([
      ['hotpotqa/5a8b57f25542995d1e6f1371', 'yes', 'reasoning', ['wikipedia_search']],
      ['hotpotqa/5ac2ada5554299657fa2900d', '43', 'reasoning', ['wikipedia_search']],
    ]);
    expect(await convertPublicDataset('hotpotqa', inputs.hotpotqa, { level: 'all', limit: 2, seed: 1 })).toHaveLength(
      2,
    );
  });

  it('keeps MATH levels 3 and up with the last boxed answer', async () => {
    const tasks = await convertPublicDataset('math', inputs.math);
    expect(tasks.map((task) => [task.id, task.reference, task.metadata])).toEqual([
      ['math/algebra/11', '15', { subject: 'algebra', level: 3 }],
      ['math/geometry/7', '2', { subject: 'geometry', level: 4 }],
    ]);
    expect(lastBoxed('a \\boxed{\\frac{1}{2}} b')).toBe('\\frac{1}{2}');
  });

  it('drops APPS problems without tests and says how to answer', async () => {
    const tasks = await convertPublicDataset('apps', inputs.apps);
    expect(tasks.map((task) => task.id)).toEqual(['apps/17', 'apps/18']);
    expect(
      tasks[0]?.prompt.endsWith('You should write code that expect inputs from stdin and print outputs (to stdout).'),
    ).toBe(true);
    expect(tasks[1]?.prompt).toBe(
      'Return the largest element of the list.\ndef largest(values):\n\nYou should complete the provided starter code by filling in the function body for largest.',
    );
  });

  it('splits WikiTQ into SQL and pandas halves with table set-up code', async () => {
    const tasks = await convertPublicDataset('wtq', inputs.wtq);
    expect(tasks.map((task) => task.source)).toEqual(['wtq-sql', 'wtq-sql', 'wtq-pandas']);
    const sql = tasks.find((task) => task.id === 'wtq-sql/nt-0');
    expect(sql?.prompt).toBe(
      [
        'Given the following table (only the first 5 rows are shown):',
        '   Year     City         Country',
        '0  1996  Atlanta   United States',
        '1  2000   Sydney       Australia',
        '2  2004   Athens          Greece',
        '3  2008  Beijing           China',
        '4  2012   London  United Kingdom',
        '',
        'Write a SQL query to find the answer to the question: which city hosted in 2004?.',
        'The SQLite3 database is preloaded for you and can be accessed within <execute> block via the variable `conn` (SQLite3 connection object).',
        'The table name is `data_table`.',
      ].join('\n'),
    );
    expect(sql?.setup).toContain('df.to_sql("data_table", conn, index=False)');
    const pandas = tasks.find((task) => task.source === 'wtq-pandas');
    expect(pandas?.reference).toEqual(['Athens', 'Beijing']);
    expect(pandas?.prompt).toContain('via the variable `df`.');
    expect(unescapeWtq('a\\pb\\nc\\\\')).toBe('a|b\nc\\');
  });

  it('turns ALFWorld resets into prompts without the banner, with the type’s example', async () => {
    const tasks = await convertPublicDataset('alfworld', inputs.alfworld);
    expect(tasks[0]?.prompt).toBe(
      'Interact with a household to solve a task. \nYou are in the middle of a room. Looking quickly around you, you see a cabinet 1, a coffeemachine 1, and a sinkbasin 1.\n\nYour task is to: put a clean mug in coffeemachine.',
    );
    expect(tasks.map((task) => task.example)).toEqual(['alfworld/clean', 'alfworld/examine']);
    expect(tasks[0]?.tools).toHaveLength(11);
  });
});

describe('CSV and table rendering', () => {
  it('parses quoted fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,"b, c","say ""hi""","x\ny"\n1,2,3,4\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
    expect(
      renderTableHead({
        header: ['A', 'Long name'],
        rows: [
          ['1', ''],
          ['22', 'x'],
        ],
      }),
    ).toBe('    A  Long name\n0   1        NaN\n1  22          x');
  });

  it('rejects a task file with a bad record, naming the line', async () => {
    const path = join(here, '../../__fixtures__/public/README.md');
    await expect(readTasks(path)).rejects.toThrow(/README\.md:1: not JSON/);
    expect(readFileSync(join(samples, 'sample.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(9);
  });
});
