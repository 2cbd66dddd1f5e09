import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@codeact/bench';
import { mintRecordedRunDir } from '@codeact/mint';
import { startTemporaryRedis, type TemporaryRedis } from '@codeact/queue/testing';
import { startTemporaryPostgres, type TemporaryPostgres } from '@codeact/store-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { runCli } from '../run-cli.js';
import { startWorker as startProcess, stopWorker, until } from '../test-support/queue-workers.js';

const startWorker = (args: readonly string[]) => startProcess(['--store', 'none', ...args]);

function cliIo(cwd: string): CliIo & { stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    stdout: Object.assign(() => out, { write: (text: string) => (out += text) }),
    stderr: Object.assign(() => err, { write: (text: string) => (err += text) }),
    stdin: (async function* () {})(),
    env: { PATH: process.env.PATH ?? '' },
    cwd,
    abortSignal: new AbortController().signal,
  } as unknown as CliIo & { stdout(): string; stderr(): string };
}

/** Every M³ToolEval task in 3 formats: a code action then the answer; every 7th text episode answers wrong. */
async function writeSweepScript(path: string): Promise<void> {
  const tasks = (await (await loadSuite('m3tooleval')).listTasks({})) as readonly {
    id: string;
    expectedStr: string;
  }[];
  const lines: string[] = [];
  const add = (task: string, reply: string) => lines.push(JSON.stringify({ task, reply }));
  tasks.forEach((task, index) => {
    add(`code:${task.id}`, "Action:\nprint('checking')\nEnd Action");
    add(`code:${task.id}`, `Answer: ${task.expectedStr}`);
    add(`json:${task.id}`, `Answer: ${task.expectedStr}`);
    // Wrong answers until the turn limit: a failed episode is a result too.
    if (index % 7 === 0) for (let turn = 0; turn < 10; turn++) add(`text:${task.id}`, 'Answer: 0');
    else add(`text:${task.id}`, `Answer: ${task.expectedStr}`);
  });
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** `results.json` without its timestamp. */
async function results(outDir: string): Promise<Record<string, unknown>> {
  const { createdAt: _, ...rest } = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
  return rest;
}

let dir: string;
let script: string;
let localResults: Record<string, unknown>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-queue-'));
  script = join(dir, 'sweep.jsonl');
  await writeSweepScript(script);
  const io = cliIo(dir);
  const code = await runCli(
    ['bench', 'm3tooleval', '--model', 'script:sweep.jsonl', '--out', 'local', '--store', 'none', '--concurrency', '2'],
    io,
  );
  expect(code, io.stderr()).toBe(0);
  localResults = await results(join(dir, 'local'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('codeact bench --queue on PostgreSQL', () => {
  let postgres: TemporaryPostgres;
  beforeAll(async () => {
    postgres = await startTemporaryPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it('runs the 246-episode M³ToolEval sweep on two worker processes, equal to the local run; a second submission reruns nothing', async () => {
    const workers = [0, 1].map(() =>
      startWorker(['--queue', postgres.connectionString, '--concurrency', '2', '--suites', 'm3tooleval']),
    );
    try {
      const io = cliIo(dir);
      const args = ['bench', 'm3tooleval', '--model', 'script:sweep.jsonl', '--queue', postgres.connectionString];
      expect(await runCli([...args, '--out', 'queued'], io), io.stderr()).toBe(0);
      expect(io.stderr()).toContain('246 episodes queued, 0 already queued or done');
      expect(await results(join(dir, 'queued'))).toEqual(localResults);
      for (const worker of workers) expect(worker.log()).toMatch(/codeact worker: done m3tooleval/);
      const started = workers.map((worker) => worker.log().match(/: start /g)?.length ?? 0);
      expect(started.reduce((a, b) => a + b, 0)).toBe(246);

      // The same sweep again, into a fresh directory: every job already exists and is finished.
      const again = cliIo(dir);
      expect(await runCli([...args, '--out', 'again'], again), again.stderr()).toBe(0);
      expect(again.stderr()).toContain('0 episodes queued, 246 already queued or done');
      expect(await results(join(dir, 'again'))).toEqual(localResults);
      expect(workers.map((worker) => worker.log().match(/: start /g)?.length ?? 0)).toEqual(started);
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
    for (const worker of workers) expect(worker.child.exitCode).toBe(0);
  }, 180_000);
});

describe('codeact bench --queue on Redis', () => {
  let redis: TemporaryRedis;
  beforeAll(async () => {
    redis = await startTemporaryRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('replays ten recorded MINT episodes (GSM8K) on two workers, equal to the local replay', async () => {
    const args = ['bench', 'mint', '--model', `replay:${mintRecordedRunDir}`, '--tasks', 'gsm8k/1?', '--store', 'none'];
    const local = cliIo(dir);
    expect(await runCli([...args, '--out', 'mint-local', '--concurrency', '2'], local), local.stderr()).toBe(0);
    const workers = [0, 1].map(() => startWorker(['--queue', redis.url, '--suites', 'mint']));
    try {
      const queued = cliIo(dir);
      expect(await runCli([...args, '--queue', redis.url, '--out', 'mint-queued'], queued), queued.stderr()).toBe(0);
      expect(queued.stderr()).toContain('10 episodes queued');
      expect(await results(join(dir, 'mint-queued'))).toEqual(await results(join(dir, 'mint-local')));
      for (const worker of workers) expect(worker.log()).toMatch(/codeact worker: done mint/);
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
  }, 180_000);

  it('retries the episode of a worker killed with SIGKILL on another worker; bench results re-attaches', async () => {
    const task = 'web_browsing/people_in_sales';
    const slow = join(dir, 'slow.jsonl');
    await writeFile(
      slow,
      [
        { task: `code:${task}`, reply: 'Action:\nimport time\ntime.sleep(3)\nprint(4)\nEnd Action' },
        { task: `code:${task}`, reply: 'Answer: 4' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const queue = ['--queue', redis.url];
    const submit = cliIo(dir);
    const args = ['bench', 'm3tooleval', '--model', 'script:slow.jsonl', '--tasks', task, '--format', 'code'];
    expect(await runCli([...args, ...queue, '--out', 'killed', '--detach'], submit), submit.stderr()).toBe(0);
    expect(submit.stderr()).toContain('1 episodes queued');

    const first = startWorker([...queue, '--lock-timeout', '2']);
    await until(() => first.log().includes(`start m3tooleval code ${task}`), 'the first worker to start the episode');
    first.child.kill('SIGKILL');
    await first.exited;

    const status = cliIo(dir);
    expect(await runCli(['bench', 'status', ...queue, '--out', 'killed'], status), status.stderr()).toBe(0);
    expect(status.stdout()).toMatch(/1 episodes: 1 active/);

    const second = startWorker([...queue, '--lock-timeout', '2']);
    try {
      const attach = cliIo(dir);
      expect(await runCli(['bench', 'results', ...queue, '--out', 'killed'], attach), attach.stderr()).toBe(0);
      expect(second.log()).toContain(`done m3tooleval code ${task}: solved`);
      const written = JSON.parse(await readFile(join(dir, 'killed', 'results.json'), 'utf8'));
      expect(written.tasks[task].code).toMatchObject({ success: true, turns: 2 });
      expect(first.log()).not.toContain('done m3tooleval');
    } finally {
      await stopWorker(second);
    }
  }, 120_000);
});
