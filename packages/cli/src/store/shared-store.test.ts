import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../test-support/spawn-cli.js';

const steps = 20;

describe('one SQLite store shared by several codeact processes', () => {
  it('loses no answer and no trajectory when four runs and a benchmark write it at once', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-shared-store-'));
    const runScript = join(directory, 'run.jsonl');
    const replies = Array.from({ length: steps }, (_, step) => `<execute>\nvalue = ${step}\nprint(value)\n</execute>`);
    replies.push('<solution>done</solution>');
    await writeFile(runScript, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
    const benchScript = join(directory, 'bench.jsonl');
    await writeFile(benchScript, Array.from({ length: 80 }, () => JSON.stringify({ reply: 'Answer: 0' })).join('\n'));
    const env = { CODEACT_HOME: directory };
    const runs = Array.from({ length: 4 }, (_, index) =>
      spawnCli(
        [
          'run',
          '--max-turns',
          String(steps + 1),
          '--artifacts',
          'none',
          '--model',
          `script:${runScript}`,
          `run ${index}`,
        ],
        { cwd: directory, env },
      ),
    );
    const out = join(directory, 'bench');
    const bench = spawnCli(
      [
        'bench',
        'm3tooleval',
        '--model',
        `script:${benchScript}`,
        '--format',
        'code',
        '--tasks',
        'cryptobotanists_plant_dna_sequencer/*',
        '--out',
        out,
      ],
      { cwd: directory, env },
    );
    const codes = await Promise.all([...runs, bench].map((cli) => cli.exited));
    for (const cli of [...runs, bench])
      expect(cli.stderr()).not.toMatch(/could not save|not saving|database is locked/);
    expect(codes).toEqual([0, 0, 0, 0, 0]);
    for (const run of runs) expect(run.stdout().trim()).toBe('done');
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    const episodes = results.summary.code.total as number;
    expect(episodes).toBeGreaterThan(1);

    const store = createSqliteTrajectoryStore({ path: join(directory, 'codeact.db') });
    try {
      const all = await store.listTrajectories({ limit: 1000 });
      const benchRuns = all.items.filter((trajectory) => trajectory.taskId !== undefined);
      const agentRuns = all.items.filter((trajectory) => trajectory.taskId === undefined);
      expect(benchRuns).toHaveLength(episodes);
      expect(agentRuns).toHaveLength(4);
      for (const trajectory of agentRuns) {
        expect(trajectory.outcome).toMatchObject({ status: 'answer', answer: 'done' });
        expect(trajectory.steps).toHaveLength(steps + 1);
      }
    } finally {
      await store.close();
    }
  }, 240_000);
});
