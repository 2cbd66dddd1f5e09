/**
 * `npm run bench:queue`: the 246 M³ToolEval episodes with an instant scripted model (no LLM time),
 * run by the local runner and by 1, 2 and 4 `codeact worker` processes on a PostgreSQL queue (and 2
 * on Redis), side by side in one run; then the queue's own overhead per episode: the same 246-job flow
 * through a worker whose episodes take no time. Servers are temporary (Debian PostgreSQL and Redis).
 * Writes the `## Queue` section of docs/performance.md (`--no-write`: print only).
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EpisodeResult, loadSuite, runBenchmark } from '@codeact/bench';
import { createPythonExecutor } from '@codeact/executors';
import { loadScriptedModel } from '@codeact/models';
import {
  createEpisodeFollower,
  enqueueBenchmark,
  episodeQueueName,
  openQueueConnection,
  type QueueConnection,
  runQueuedBenchmark,
} from '@codeact/queue';
import { startTemporaryRedis } from '@codeact/queue/testing';
import { startTemporaryPostgres } from '@codeact/store-postgres/testing';
import { writePerformanceSection } from '../report/write-performance-section.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(repoRoot, 'packages/cli/bin/codeact.js');
type M3Task = { readonly id: string; readonly expectedStr: string };

async function writeScript(path: string, tasks: readonly M3Task[]): Promise<void> {
  const lines = tasks.flatMap((task) => [
    { task: `code:${task.id}`, reply: "Action:\nprint('checking')\nEnd Action" },
    { task: `code:${task.id}`, reply: `Answer: ${task.expectedStr}` },
    { task: `json:${task.id}`, reply: `Answer: ${task.expectedStr}` },
    { task: `text:${task.id}`, reply: `Answer: ${task.expectedStr}` },
  ]);
  await writeFile(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'worker', '--queue', url, '--store', 'none', '--suites', 'm3tooleval'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((ready, fail) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('taking m3tooleval episodes')) ready(child);
    });
    child.once('close', () => fail(new Error(`worker exited:\n${log}`)));
  });
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise<void>((done) => {
          child.removeAllListeners('close');
          child.once('close', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
}

type Row = { runner: string; seconds: number; episodes: number; load: number };

async function timeLocal(script: string, outDir: string): Promise<Row> {
  const suite = await loadSuite('m3tooleval');
  const model = await loadScriptedModel(script, { modelId: 'instant-script' });
  const executor = await createPythonExecutor();
  try {
    const started = performance.now();
    const run = await runBenchmark({ suite, model, executor, outDir });
    return check('local runner, concurrency 1', started, run.results.length);
  } finally {
    await executor.dispose();
  }
}

function check(runner: string, started: number, episodes: number): Row {
  if (episodes !== 246) throw new Error(`${runner}: ${episodes} of 246 episodes`);
  return { runner, seconds: (performance.now() - started) / 1000, episodes, load: loadavg()[0] ?? 0 };
}

async function timeQueued(label: string, url: string, workers: number, script: string, outDir: string): Promise<Row> {
  const connection = await openQueueConnection(url);
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
  try {
    const suite = await loadSuite('m3tooleval');
    const model = await loadScriptedModel(script, { modelId: 'instant-script' });
    const started = performance.now();
    const { run } = await runQueuedBenchmark({ connection, suite, model, modelSpec: `script:${script}`, outDir });
    return check(`${label}, ${workers} worker${workers === 1 ? '' : 's'}`, started, run?.results.length ?? 0);
  } finally {
    await stopWorkers(children);
    await connection.close();
  }
}

/** The queue alone: enqueue the 246-episode flow, a worker completes each with a stored result, follow them all. */
async function queueOverhead(connection: QueueConnection, sample: EpisodeResult, suiteName: string) {
  const suite = await loadSuite(suiteName);
  const tasks = await suite.listTasks({});
  const episodes = tasks.flatMap((task) => suite.formats.map((format) => ({ taskId: task.id, format })));
  const worker = new connection.classes.Worker(
    episodeQueueName(suiteName),
    async (job: { data: { taskId: string; format: string } }) => ({ ...sample, ...job.data }),
    { connection: connection.connection, concurrency: 1 },
  );
  const follower = await createEpisodeFollower(connection, episodeQueueName(suiteName));
  try {
    const started = performance.now();
    const enqueued = await enqueueBenchmark({
      connection,
      suite: suiteName,
      model: `overhead-${Date.now()}`,
      episodes,
      suiteOptions: {},
    });
    await Promise.all([...enqueued.jobIds.values()].map((jobId) => follower.wait(jobId)));
    return (performance.now() - started) / episodes.length;
  } finally {
    await follower.close();
    await worker.close();
  }
}

async function main() {
  const directory = await mkdtemp(join(tmpdir(), 'codeact-queue-bench-'));
  const postgres = await startTemporaryPostgres();
  const redis = await startTemporaryRedis();
  try {
    const tasks = (await (await loadSuite('m3tooleval')).listTasks({})) as unknown as readonly M3Task[];
    const script = join(directory, 'instant.jsonl');
    await writeScript(script, tasks);
    const rows: Row[] = [];
    rows.push(await timeLocal(script, join(directory, 'local')));
    for (const workers of [1, 2, 4]) {
      // A fresh database schema per row would cost minutes; a fresh model spec gives fresh job ids instead.
      const copy = join(directory, `instant-${workers}.jsonl`);
      await writeScript(copy, tasks);
      rows.push(
        await timeQueued(
          'PostgreSQL queue',
          postgres.connectionString,
          workers,
          copy,
          join(directory, `pg-${workers}`),
        ),
      );
    }
    rows.push(await timeQueued('Redis queue', redis.url, 2, script, join(directory, 'redis-2')));
    const local = rows[0] as Row;
    const sample = JSON.parse(
      await (await import('node:fs/promises')).readFile(
        join(directory, 'local', 'episodes', 'code', `${encodeURIComponent(tasks[0]?.id ?? '')}.json`),
        'utf8',
      ),
    ) as EpisodeResult;
    const overhead: { backend: string; ms: number }[] = [];
    for (const [backend, url] of [
      ['PostgreSQL', postgres.connectionString],
      ['Redis', redis.url],
    ] as const) {
      const connection = await openQueueConnection(url);
      try {
        overhead.push({ backend, ms: await queueOverhead(connection, sample, 'm3tooleval') });
      } finally {
        await connection.close();
      }
    }
    const lines = [
      '## Queue',
      '',
      '`npm run bench:queue` (`benchmarks/src/queue/run-queue-bench.ts`): the 246 M³ToolEval episodes with an',
      'instant scripted model (a code action, then the answer; real sandboxed CPython per episode), run by the',
      'local runner and by `codeact worker` processes (concurrency 1 each) on a temporary PostgreSQL or Redis,',
      'side by side in one run; then the queue alone: the same 246-job flow completed by one in-process worker',
      'whose episodes take no time, from enqueue until every result was followed. See [scale-out.md](scale-out.md).',
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${cpus().length} cores, Node ${process.version}; PostgreSQL and Redis are temporary local servers.`,
      '',
      '| runner | episodes | wall time | episodes/s | vs local | 1-min load |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        (row) =>
          `| ${row.runner} | ${row.episodes} | ${row.seconds.toFixed(1)} s | ${(row.episodes / row.seconds).toFixed(1)} | ${(local.seconds / row.seconds).toFixed(2)}× | ${row.load.toFixed(1)} |`,
      ),
      '',
      '| queue overhead per episode (246-job flow, instant episodes, 1 worker, enqueue → result followed) | ms |',
      '|---|---|',
      ...overhead.map((row) => `| ${row.backend} | ${row.ms.toFixed(2)} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!process.argv.includes('--no-write')) writePerformanceSection('Queue', lines.join('\n'));
  } finally {
    await redis.stop();
    await postgres.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
