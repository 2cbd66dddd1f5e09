import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iterateTrajectories, type Trajectory } from '@codeact/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliValues } from '../cli-options.js';
import { bufferedIo } from '../test-support/buffered-io.js';
import { dataCommand } from './data-command.js';
import { openDataStore } from './data-values.js';

const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const toolFixtures = resolve(fileURLToPath(import.meta.url), '../../__fixtures__/tools');
const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

/** Collects one math task whose first action is `code`; the stored trajectory as JSON text. */
async function collectWith(values: Partial<CliValues>, code: string) {
  const cwd = await mkdtemp(join(tmpdir(), 'codeact-collect-tools-'));
  directories.push(cwd);
  const task = 'math/algebra/11';
  const script = join(cwd, 'model.jsonl');
  const lines = [
    { task, reply: `<execute>\n${code}\n</execute>` },
    { task, reply: 'The answer is <solution> 15 </solution>' },
  ];
  await writeFile(script, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  const tasksFile = join(cwd, 'tasks.jsonl');
  const source = await readFile(join(repoRoot, 'packages/data/samples/tasks/math.jsonl'), 'utf8');
  await writeFile(tasksFile, `${source.split('\n').find((line) => line.includes(`"${task}"`))}\n`);
  const { io, stdout, stderr } = bufferedIo({ cwd, env: { CODEACT_HOME: join(cwd, 'home') } });
  const exitCode = await dataCommand(
    {
      tasks: tasksFile,
      model: `script:${script}`,
      interpreter: 'python',
      'no-sandbox': true,
      store: 'runs.db',
      json: true,
      ...values,
    } as CliValues,
    ['collect'],
    io,
  );
  expect(stderr()).toContain('solved in 2 turns');
  expect(exitCode).toBe(0);
  expect(JSON.parse(stdout())).toMatchObject({ planned: 1, completed: 1, solved: 1 });
  const store = await openDataStore({ store: 'runs.db' }, io);
  const stored: Trajectory[] = [];
  for await (const trajectory of iterateTrajectories(store, { dataset: 'tasks' })) stored.push(trajectory);
  await store.close();
  expect(stored).toHaveLength(1);
  return JSON.stringify(stored[0]);
}

describe('codeact data collect with extra tools', () => {
  it('offers the --mcp server tools to every episode, called from Python', async () => {
    const text = await collectWith(
      { mcp: [`everything=${process.execPath} ${everything} stdio`] },
      'total = everything.get_sum(a=7, b=8)\nprint(total)',
    );
    expect(text).toContain('everything.get_sum(a: float, b: float)');
    expect(text).toContain('The sum of 7 and 8 is 15.');
  }, 90_000);

  it('offers the tools of --tools modules, run on the host', async () => {
    const text = await collectWith(
      { tools: [join(toolFixtures, 'inventory.ts')] },
      'print("apples:", count_item("apples"))',
    );
    expect(text).toContain('count_item(item: str) -> int');
    expect(text).toContain('apples: 12');
  }, 90_000);

  it('refuses --tools Python files with one line', async () => {
    await expect(collectWith({ tools: [join(toolFixtures, 'units.py')] }, 'print(1)')).rejects.toThrow(
      /takes --tools modules \(\.mjs\/\.js\/\.ts defineTool exports\) only: its prompt/,
    );
  });
});
