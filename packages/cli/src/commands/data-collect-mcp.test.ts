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
const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe('codeact data collect --mcp', () => {
  it('offers the MCP server tools to every episode, called from Python', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'codeact-collect-mcp-'));
    directories.push(cwd);
    const task = 'math/algebra/11';
    const script = join(cwd, 'model.jsonl');
    const lines = [
      { task, reply: '<execute>\ntotal = everything.get_sum(a=7, b=8)\nprint(total)\n</execute>' },
      { task, reply: 'The answer is <solution> 15 </solution>' },
    ];
    await writeFile(script, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const tasksFile = join(cwd, 'tasks.jsonl');
    const source = await readFile(join(repoRoot, 'packages/data/samples/tasks/math.jsonl'), 'utf8');
    await writeFile(tasksFile, `${source.split('\n').find((line) => line.includes(`"${task}"`))}\n`);
    const values = {
      tasks: tasksFile,
      model: `script:${script}`,
      interpreter: 'python',
      'no-sandbox': true,
      store: 'runs.db',
      json: true,
      mcp: [`everything=${process.execPath} ${everything} stdio`],
    } as CliValues;
    const { io, stdout, stderr } = bufferedIo({ cwd, env: { CODEACT_HOME: join(cwd, 'home') } });
    const code = await dataCommand(values, ['collect'], io);
    expect(stderr()).toContain('solved in 2 turns');
    expect(code).toBe(0);
    expect(JSON.parse(stdout())).toMatchObject({ planned: 1, completed: 1, solved: 1 });

    const store = await openDataStore({ store: 'runs.db' }, io);
    const stored: Trajectory[] = [];
    for await (const trajectory of iterateTrajectories(store, { dataset: 'tasks' })) stored.push(trajectory);
    await store.close();
    expect(stored).toHaveLength(1);
    const text = JSON.stringify(stored[0]);
    expect(text).toContain('everything.get_sum(a: float, b: float)');
    expect(text).toContain('The sum of 7 and 8 is 15.');
  }, 90_000);
});
