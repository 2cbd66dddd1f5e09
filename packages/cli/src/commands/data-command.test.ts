import { mkdtemp as makeTemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliValues } from '../cli-options.js';
import { bufferedIo } from '../test-support/buffered-io.js';
import { dataCommand } from './data-command.js';
import type { DataCliValues } from './data-values.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const mintOutputs = resolve(
  repoRoot,
  'packages/mint/data/reference_outputs/CodeActAgent-Mistral-7b-v0.1/max5_p2+tool+cd',
);
const mintFiles = ['alfworld', 'gsm8k', 'hotpotqa', 'humaneval', 'math', 'mbpp', 'mmlu', 'theoremqa'].map((task) =>
  join(mintOutputs, `${task}.results.jsonl.gz`),
);

const directories: string[] = [];
const mkdtemp = async (prefix: string) => {
  const directory = await makeTemp(prefix);
  directories.push(directory);
  return directory;
};
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

function createIo(cwd: string) {
  return bufferedIo({ cwd, env: { CODEACT_HOME: join(cwd, 'home') } });
}

const run = async (cwd: string, values: DataCliValues, positionals: string[]) => {
  const { io, stdout, stderr } = createIo(cwd);
  const code = await dataCommand(values as CliValues, positionals, io);
  return { code, stdout: stdout(), stderr: stderr() };
};

describe('codeact data', () => {
  it('imports the recorded MINT runs, filters, exports with a recipe and counts tokens', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'codeact-data-cli-'));
    const store = 'sqlite:runs.db';
    const imported = await run(cwd, { from: 'mint', store, dataset: 'mint' }, ['import', ...mintFiles]);
    expect(imported).toMatchObject({ code: 0, stdout: 'imported 586 trajectories into dataset mint\n' });

    const filtered = await run(cwd, { store, dataset: 'mint', to: 'kept' }, ['filter']);
    expect(filtered.code).toBe(0);
    expect(filtered.stdout).toMatchInlineSnapshot(`
      "stage                             in      out
      success                          586      259
      min-turns(3)                     259      120
      exclude-sources(strategyqa)      120      120
      code-as-actions                  120      119
      even-history                     119      118
      not-all-failed                   118      113
      dedup(task-model)                113      113
      kept 113 → dataset kept
      "
    `);

    const exported = await run(cwd, { store, dataset: 'kept', out: 'codeact.jsonl', recipe: 'llama-factory' }, [
      'export',
    ]);
    expect(exported.stdout).toBe(
      `wrote 113 sharegpt conversations (113 CodeAct + 0 general) to ${join(cwd, 'codeact.jsonl')}\nwrote ${join(cwd, 'dataset_info.json')}\nwrote ${join(cwd, 'llama-factory.yaml')}\n`,
    );
    const first = JSON.parse((await readFile(join(cwd, 'codeact.jsonl'), 'utf8')).split('\n')[0] as string);
    expect(first.conversations[0].from).toBe('human');

    const stats = await run(cwd, { json: true }, ['stats', 'codeact.jsonl']);
    const table = JSON.parse(stats.stdout);
    expect(table.total.instances).toBe(113);
    expect(table.rows.map((row: { source: string }) => row.source)).toEqual(['general']);
    const bySource = await run(cwd, { store, dataset: 'kept', json: true }, ['stats']);
    expect(
      JSON.parse(bySource.stdout).rows.map((row: { source: string; instances: number }) => [row.source, row.instances]),
    ).toEqual([
      ['alfworld', 43],
      ['gsm8k', 11],
      ['hotpotqa', 14],
      ['math', 19],
      ['mbpp', 1],
      ['mmlu', 24],
      ['theoremqa', 1],
    ]);
    expect(JSON.parse(bySource.stdout).total.totalTokens).toBe(table.total.totalTokens);

    const strict = await run(
      cwd,
      { store, dataset: 'mint', rule: 'self-improvement', out: 'strict.jsonl', json: true },
      ['filter'],
    );
    expect(JSON.parse(strict.stdout).kept).toBe(16);
  }, 60_000);

  it('converts a public dataset to a task file', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'codeact-data-cli-'));
    const input = join(repoRoot, 'packages/data/src/__fixtures__/public/hotpot_train_sample.json');
    const result = await run(cwd, { from: 'hotpotqa', out: 'tasks.jsonl' }, ['import', input]);
    expect(result).toMatchObject({ code: 0, stdout: `wrote 2 hotpotqa tasks to ${join(cwd, 'tasks.jsonl')}\n` });
    expect((await readFile(join(cwd, 'tasks.jsonl'), 'utf8')).trimEnd().split('\n')).toHaveLength(2);
  });

  it('collects with a scripted model in real Python and resumes without redoing work', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'codeact-data-cli-'));
    const tasks = join(repoRoot, 'packages/data/samples/tasks/math.jsonl');
    const script = join(cwd, 'model.jsonl');
    const lines = ['math/algebra/11', 'math/geometry/7'].flatMap((task) => [
      { task, reply: '<thought> Compute. </thought>\n<execute>\nprint(undefined_name)\n</execute>' },
      { task, reply: '<execute>\nx = 5\nprint(3 * x if True else 0)\n</execute>' },
      { task, reply: `The answer is <solution> ${task.endsWith('11') ? '15' : '2'} </solution>` },
    ]);
    await writeFile(script, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const values: DataCliValues = {
      tasks,
      model: `script:${script}`,
      interpreter: 'python',
      'no-sandbox': true,
      store: 'runs.db',
      json: true,
    };
    const first = await run(cwd, values, ['collect']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ dataset: 'math', planned: 2, completed: 2, solved: 2, failed: 0 });
    expect(first.stderr).toContain('[2/2] math/geometry/7');
    const again = await run(cwd, values, ['collect']);
    expect(JSON.parse(again.stdout)).toMatchObject({ planned: 2, skipped: 2, completed: 0 });
    const exported = await run(cwd, { store: 'runs.db', dataset: 'math', out: 'math.jsonl', format: 'openai' }, [
      'export',
    ]);
    expect(exported.code).toBe(0);
    const record = JSON.parse((await readFile(join(cwd, 'math.jsonl'), 'utf8')).split('\n')[0] as string);
    expect(record.messages.map((message: { role: string }) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(record.messages[3].content).toMatch(
      /^Observation:\n[\s\S]*NameError[\s\S]*You have 4 steps left and 2 chances to propose solution left\.$/,
    );
    expect(record.messages[5].content).toBe(
      'Observation:\n15\nYou have 3 steps left and 2 chances to propose solution left.',
    );
  }, 60_000);

  it('explains what is missing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'codeact-data-cli-'));
    await expect(run(cwd, {}, ['collect'])).rejects.toThrow(/--tasks FILE\.jsonl/);
    await expect(run(cwd, {}, ['filter'])).rejects.toThrow(/--to DATASET/);
    await expect(run(cwd, { to: 'x' }, ['filter'])).rejects.toThrow(/--dataset NAME/);
    await expect(run(cwd, {}, ['import', 'x'])).rejects.toThrow(/--from trajectories\|mint/);
    await expect(run(cwd, {}, ['shuffle'])).rejects.toThrow(/Unknown data command "shuffle"/);
    expect((await run(cwd, {}, [])).stdout).toContain('Usage: codeact data <collect|filter|export|stats|import>');
  });
});
