import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { shuffled } from '../../random/seeded-random.js';
import type { TaskRecord } from '../task-record.js';
import { formatCsv, parseCsv } from './csv.js';

export type WtqExample = { id: string; utterance: string; context: string; targetValue: string };
export type WtqTable = { header: string[]; rows: string[][] };

/** WTQ's TSV escapes: `\n` newline, `\p` pipe, `\\` backslash. */
export function unescapeWtq(text: string): string {
  return text.replace(/\\(n|p|\\)/g, (_, code: string) => (code === 'n' ? '\n' : code === 'p' ? '|' : '\\'));
}

/**
 * The first five rows as pandas prints `df.head()` for plain columns: the index, then each column
 * right-aligned to its widest cell, two spaces apart. (pandas also formats floats and wraps wide
 * frames; this does neither.)
 */
export function renderTableHead(table: WtqTable): string {
  const rows = table.rows.slice(0, 5);
  const indexWidth = String(Math.max(rows.length - 1, 0)).length;
  const widths = table.header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? 'NaN').length)),
  );
  const line = (index: string, cells: string[]) =>
    [index.padEnd(indexWidth), ...cells.map((cell, column) => cell.padStart(widths[column] ?? 0))].join('  ');
  return [
    line('', table.header),
    ...rows.map((row, index) =>
      line(
        String(index),
        table.header.map((_, column) => (row[column] || 'NaN') as string),
      ),
    ),
  ].join('\n');
}

const sqlTail =
  'The SQLite3 database is preloaded for you and can be accessed within <execute> block via the variable `conn` (SQLite3 connection object).\nThe table name is `data_table`.';
const pandasTail =
  'The dataframe is preloaded for you and can be accessed within <execute> block via the variable `df`.';

function setupCode(csv: string, variant: 'sql' | 'pandas'): string {
  const load = `import io\nimport pandas as pd\ndf = pd.read_csv(io.StringIO(${JSON.stringify(csv)}))`;
  return variant === 'pandas'
    ? load
    : `${load}\nimport sqlite3\nconn = sqlite3.connect(":memory:")\ndf.to_sql("data_table", conn, index=False)`;
}

/**
 * WikiTableQuestions 1.0.2 to tasks (spec §2.1): the largest tables first (rows, then columns), the
 * top `limit`, shuffled with `seed`; the first half asks for SQL on `conn`, the rest for pandas on
 * `df`. Both get the `wtq` checker with the target values as reference and set-up code that loads
 * the table.
 */
export function convertWikiTableQuestions(
  examples: readonly WtqExample[],
  tables: ReadonlyMap<string, WtqTable>,
  options: { readonly limit?: number; readonly seed?: number } = {},
): TaskRecord[] {
  const seed = options.seed ?? 42;
  const sized = examples
    .filter((example) => tables.has(example.context))
    .map((example) => ({ example, table: tables.get(example.context) as WtqTable }))
    .sort((a, b) => b.table.rows.length - a.table.rows.length || b.table.header.length - a.table.header.length);
  const top = shuffled(sized.slice(0, options.limit ?? 3000), seed);
  const half = Math.ceil(top.length / 2);
  return top.map(({ example, table }, index) => {
    const variant = index < half ? 'sql' : 'pandas';
    const ask = variant === 'sql' ? 'Write a SQL query' : 'Write a Pandas query';
    const prompt = `Given the following table (only the first 5 rows are shown):\n${renderTableHead(table)}\n\n${ask} to find the answer to the question: ${example.utterance}.\n${variant === 'sql' ? sqlTail : pandasTail}\n`;
    return {
      id: `wtq-${variant}/${example.id}`,
      source: `wtq-${variant}`,
      prompt: prompt.trim(),
      reference: example.targetValue.split('|').map(unescapeWtq),
      checker: 'wtq',
      tools: [],
      example: 'tabular',
      setup: setupCode(formatCsv([table.header, ...table.rows]), variant),
      metadata: { table: example.context },
    };
  });
}

/** Reads `data/<split>.tsv` and the CSV tables it names from an unpacked WikiTableQuestions folder. */
export async function readWikiTableQuestions(
  root: string,
  split = 'training',
): Promise<{ examples: WtqExample[]; tables: Map<string, WtqTable> }> {
  const lines = (await readFile(join(root, 'data', `${split}.tsv`), 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split('\t');
  const column = (name: string) => header.indexOf(name);
  const examples = lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return {
      id: cells[column('id')] ?? '',
      utterance: cells[column('utterance')] ?? '',
      context: cells[column('context')] ?? '',
      targetValue: cells[column('targetValue')] ?? '',
    };
  });
  const tables = new Map<string, WtqTable>();
  for (const context of new Set(examples.map((example) => example.context))) {
    const rows = parseCsv(await readFile(join(root, context), 'utf8'));
    tables.set(context, { header: rows[0] ?? [], rows: rows.slice(1) });
  }
  return { examples, tables };
}
