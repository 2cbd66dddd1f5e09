import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Trajectory } from '@codeact/core';
import { startTemporaryPostgres, type TemporaryPostgres } from '@codeact/store-postgres/testing';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';
import { startWorker, stopWorker, until } from '../test-support/queue-workers.js';
import { repoRoot } from '../test-support/spawn-cli.js';

const python = ['--interpreter', 'python', '--no-sandbox'];
let dir: string;
let postgres: TemporaryPostgres;

/** The sample tasks a scripted model can answer (not APPS): a code action, then the answer; math/algebra/11 wrong. */
async function writeTasksAndScript(): Promise<void> {
  const lines = (await readFile(join(repoRoot, 'packages/data/samples/tasks/sample.jsonl'), 'utf8')).trim().split('\n');
  const tasks = lines.map((line) => JSON.parse(line)).filter((task) => task.checker !== 'apps');
  await writeFile(join(dir, 'tasks.jsonl'), `${tasks.map((task) => JSON.stringify(task)).join('\n')}\n`);
  const script = tasks.flatMap((task) => {
    const answer = task.checker === 'wtq' ? JSON.stringify(task.reference) : String(task.reference);
    const wrong = task.id === 'math/algebra/11';
    return [
      { task: task.id, reply: '<execute>\nprint(2 + 2)\n</execute>' },
      ...(wrong ? ['16', '17', '18'] : [answer]).map((text) => ({
        task: task.id,
        reply: `<solution> ${text} </solution>`,
      })),
    ];
  });
  await writeFile(join(dir, 'model.jsonl'), `${script.map((line) => JSON.stringify(line)).join('\n')}\n`);
}

async function collect(args: readonly string[]) {
  const { io, stdout, stderr } = bufferedIo({ cwd: dir, env: { PATH: process.env.PATH ?? '' } });
  const code = await runCli(['data', 'collect', '--json', ...args], io);
  return { code, summary: code === 0 ? JSON.parse(stdout()) : stdout(), stderr: stderr() };
}

/** What must match between a local and a queued collection: ids, tasks, outcomes and the messages. */
async function stored(database: string, dataset: string) {
  const store = createSqliteTrajectoryStore({ path: join(dir, database) });
  try {
    const { items } = await store.listTrajectories({ dataset, limit: 100 });
    return items
      .map((trajectory: Trajectory) => ({
        id: trajectory.id,
        taskId: trajectory.taskId,
        status: trajectory.outcome.status,
        success: trajectory.metadata?.success,
        messages: trajectory.messages,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-collect-queue-'));
  await writeTasksAndScript();
  postgres = await startTemporaryPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('codeact data collect --queue on PostgreSQL', () => {
  it('stores the same trajectories through two workers as a local collection; a second submission runs nothing', async () => {
    const common = ['--tasks', 'tasks.jsonl', '--model', 'script:model.jsonl', '--dataset', 'sweep'];
    const local = await collect([...common, ...python, '--store', 'local.db']);
    expect(local.code, local.stderr).toBe(0);
    expect(local.summary).toMatchObject({ planned: 7, completed: 7, solved: 6, failed: 0 });

    const workerStore = ['--store', `sqlite:${join(dir, 'workers.db')}`];
    const workers = [0, 1].map(() => startWorker(['--queue', postgres.connectionString, ...workerStore, ...python]));
    try {
      const queued = await collect([...common, '--queue', postgres.connectionString, '--store', 'submit.db']);
      expect(queued.code, queued.stderr).toBe(0);
      expect(queued.summary).toEqual(local.summary);
      expect(queued.stderr).toContain('[7/7]');
      const expected = await stored('local.db', 'sweep');
      expect(expected).toHaveLength(7);
      expect(await stored('workers.db', 'sweep')).toEqual(expected);
      expect(await stored('submit.db', 'sweep')).toEqual(expected);
      const started = workers.map((worker) => worker.log().match(/: start collect /g)?.length ?? 0);
      expect(started.reduce((a, b) => a + b, 0)).toBe(7);

      // The same collection into an empty store: every job exists and is finished, so no worker runs one.
      const again = await collect([...common, '--queue', postgres.connectionString, '--store', 'again.db']);
      expect(again.summary).toEqual(local.summary);
      expect(await stored('again.db', 'sweep')).toEqual(expected);
      expect(workers.map((worker) => worker.log().match(/: start collect /g)?.length ?? 0)).toEqual(started);
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
    for (const worker of workers) expect(worker.child.exitCode).toBe(0);
  }, 120_000);

  it('runs the fallback pass on the queue too: the tasks no model solved, once each, stored as locally', async () => {
    const hard = JSON.parse(
      (await readFile(join(dir, 'tasks.jsonl'), 'utf8'))
        .split('\n')
        .find((line) => line.includes('"math/algebra/11"')) as string,
    );
    const strong = [
      { task: hard.id, reply: '<execute>\nprint(2 + 2)\n</execute>' },
      { task: hard.id, reply: `<solution> ${hard.reference} </solution>` },
    ];
    await writeFile(join(dir, 'strong.jsonl'), `${strong.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const common = ['--tasks', 'tasks.jsonl', '--model', 'script:model.jsonl', '--dataset', 'fallback'];
    const withFallback = [...common, '--fallback-model', 'script:strong.jsonl'];
    const local = await collect([...withFallback, ...python, '--store', 'local-fallback.db']);
    expect(local.code, local.stderr).toBe(0);
    expect(local.summary).toMatchObject({ completed: 8, solved: 7, fallback: { planned: 1, completed: 1, solved: 1 } });

    const worker = startWorker(['--queue', postgres.connectionString, '--store', 'none', ...python]);
    try {
      const queued = await collect([...withFallback, '--queue', postgres.connectionString, '--store', 'fallback.db']);
      expect(queued.code, queued.stderr).toBe(0);
      expect(queued.summary).toEqual(local.summary);
      expect(await stored('fallback.db', 'fallback')).toEqual(await stored('local-fallback.db', 'fallback'));
      expect(worker.log().match(/: start collect fallback /g)).toHaveLength(8);
      expect(worker.log().match(/: start collect fallback math\/algebra\/11/g)).toHaveLength(2);
    } finally {
      await stopWorker(worker);
    }
  }, 120_000);

  it('retries the episode of a worker killed with SIGKILL on another worker; the detached collection re-attaches', async () => {
    const task = JSON.parse((await readFile(join(dir, 'tasks.jsonl'), 'utf8')).split('\n')[0] as string);
    await writeFile(join(dir, 'one.jsonl'), `${JSON.stringify(task)}\n`);
    const slow = [
      { task: task.id, reply: '<execute>\nimport time\ntime.sleep(3)\nprint(4)\n</execute>' },
      { task: task.id, reply: `<solution> ${task.reference} </solution>` },
    ];
    await writeFile(join(dir, 'slow.jsonl'), `${slow.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const args = ['--tasks', 'one.jsonl', '--model', 'script:slow.jsonl', '--dataset', 'killed'];
    const queue = ['--queue', postgres.connectionString, '--store', 'killed.db'];
    const detached = await collect([...args, ...queue, '--detach']);
    expect(detached.code, detached.stderr).toBe(0);
    expect(detached.summary).toEqual({ dataset: 'killed', queued: 1, existing: 0, stored: 0 });
    const worker = (name: string) =>
      startWorker([
        '--queue',
        postgres.connectionString,
        '--store',
        'none',
        '--lock-timeout',
        '2',
        ...python,
        '--suites',
        name,
      ]);
    const first = worker('mint');
    await until(() => first.log().includes(`start collect killed ${task.id}`), 'the first worker to start the episode');
    first.child.kill('SIGKILL');
    await first.exited;
    const second = worker('mint');
    try {
      const attached = await collect([...args, ...queue]);
      expect(attached.code, attached.stderr).toBe(0);
      expect(attached.summary).toMatchObject({ planned: 1, completed: 1, solved: 1, failed: 0 });
      expect(second.log()).toContain(`done collect killed ${task.id}`);
      expect(first.log()).not.toContain('done collect');
      const [trajectory] = await stored('killed.db', 'killed');
      expect(trajectory?.messages.some((message) => message.content.includes('4'))).toBe(true);
    } finally {
      await stopWorker(second);
    }
  }, 120_000);
});
