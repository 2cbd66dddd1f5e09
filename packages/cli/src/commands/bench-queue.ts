import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BenchmarkRun, Reporter, SuiteOptions } from '@codeact/bench';
import { ConfigurationError, type LanguageModel } from '@codeact/core';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';

/** What `--detach` leaves in the output directory, so `bench status|results` can find the run. */
type QueuedRunFile = {
  readonly suite: string;
  readonly model: string;
  readonly formats?: readonly string[] | undefined;
  readonly tasks?: string | undefined;
  readonly suiteOptions: SuiteOptions;
  readonly runId: string;
  readonly jobIds: readonly string[];
};

const queuedRunFile = 'queue.json';

/** `--queue`, else `$CODEACT_QUEUE`. */
export function queueUrl(values: CliValues, io: CliIo): string | undefined {
  return values.queue ?? io.env.CODEACT_QUEUE;
}

/** The model spec as workers get it: `script:`/`replay:` paths made absolute, no key ever. */
export function workerModelSpec(values: CliValues, io: CliIo, model: LanguageModel): string {
  return absoluteModelSpec(values.model ?? io.env.CODEACT_MODEL ?? `${model.provider}:${model.modelId}`, io);
}

/** `spec` with a `script:`/`replay:` path made absolute (relative to `io.cwd`), as workers need it. */
export function absoluteModelSpec(spec: string, io: CliIo): string {
  const match = /^(script|replay):(.+)$/.exec(spec);
  return match?.[1] && match[2] ? `${match[1]}:${resolve(io.cwd, match[2])}` : spec;
}

export type QueuedBenchOptions = {
  readonly url: string;
  readonly suiteName: string;
  readonly model: LanguageModel;
  readonly modelSpec: string;
  readonly formats: readonly string[] | undefined;
  readonly tasks: string | undefined;
  readonly suiteOptions: SuiteOptions;
  readonly outDir: string;
  readonly reporter: readonly Reporter[];
  readonly detach: boolean;
};

/**
 * `codeact bench SUITE --queue URL`: the episodes run on `codeact worker`s; this process enqueues them
 * and follows them (the same progress and files as a local run), or with `--detach` returns at once.
 */
export async function runBenchOnQueue(options: QueuedBenchOptions, io: CliIo): Promise<BenchmarkRun | undefined> {
  const { loadSuite } = await import('@codeact/bench');
  const { openQueueConnection, runQueuedBenchmark } = await import('@codeact/queue');
  const suite = await loadSuite(options.suiteName);
  const connection = await openQueueConnection(options.url);
  try {
    const { run } = await runQueuedBenchmark({
      connection,
      suite,
      model: options.model,
      modelSpec: options.modelSpec,
      formats: options.formats,
      tasks: options.tasks,
      outDir: options.outDir,
      reporter: options.reporter,
      abortSignal: io.abortSignal,
      suiteOptions: options.suiteOptions,
      detach: options.detach,
      onEnqueued: async (enqueued) => {
        io.stderr.write(
          `codeact: ${enqueued.added} episodes queued, ${enqueued.existing} already queued or done, on ${connection.displayUrl} (run ${enqueued.runId})\n`,
        );
        const file: QueuedRunFile = {
          suite: suite.name,
          model: options.modelSpec,
          formats: options.formats,
          tasks: options.tasks,
          suiteOptions: options.suiteOptions,
          runId: enqueued.runId,
          jobIds: [...enqueued.jobIds.values()],
        };
        await mkdir(options.outDir, { recursive: true });
        await writeFile(join(options.outDir, queuedRunFile), `${JSON.stringify(file, null, 2)}\n`);
      },
    });
    if (options.detach) {
      io.stdout.write(
        `queued; follow with: codeact bench status --queue URL --out ${options.outDir}\n         results: codeact bench results --queue URL --out ${options.outDir}\n`,
      );
    }
    return run;
  } finally {
    await connection.close();
  }
}

async function readQueuedRun(outDir: string): Promise<QueuedRunFile> {
  try {
    return JSON.parse(await readFile(join(outDir, queuedRunFile), 'utf8')) as QueuedRunFile;
  } catch {
    throw new ConfigurationError(
      `${outDir} holds no queued run (no ${queuedRunFile}); start one with codeact bench SUITE --queue URL --detach --out ${outDir}.`,
    );
  }
}

/** `codeact bench status --queue URL --out DIR`: episodes by state, and dead jobs with their errors. */
export async function benchStatus(values: CliValues, io: CliIo): Promise<number> {
  const { url, outDir } = statusArguments(values, io, 'status');
  const run = await readQueuedRun(outDir);
  const { episodeQueueName, openQueueConnection, queueStatus } = await import('@codeact/queue');
  const connection = await openQueueConnection(url);
  try {
    const status = await queueStatus(connection, episodeQueueName(run.suite), run.jobIds);
    const counts = Object.entries(status.counts)
      .map(([state, count]) => `${count} ${state}`)
      .join(', ');
    io.stdout.write(`${run.suite} ${run.model}: ${status.total} episodes: ${counts}\n`);
    for (const dead of status.dead)
      io.stdout.write(`dead: ${dead.jobId} after ${dead.attempts} attempts: ${dead.error}\n`);
    return status.dead.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
  }
}

/** Where `bench status|results` look: `--queue` (or `$CODEACT_QUEUE`) and `--out` are required. */
function statusArguments(values: CliValues, io: CliIo, verb: string): { url: string; outDir: string } {
  const url = queueUrl(values, io);
  if (!url || !values.out)
    throw new ConfigurationError(`codeact bench ${verb} needs --queue URL and --out DIR (the directory of the run).`);
  return { url, outDir: resolve(io.cwd, values.out) };
}

/** The parameters of the queued run in `--out`, for `bench results` to re-attach with. */
export async function queuedRunValues(values: CliValues, io: CliIo): Promise<CliValues & { suite: string }> {
  const { url, outDir } = statusArguments(values, io, 'results');
  const run = await readQueuedRun(outDir);
  return {
    ...values,
    queue: url,
    out: outDir,
    model: run.model,
    suite: run.suite,
    ...(run.formats ? { format: run.formats.join(',') } : {}),
    ...(run.tasks ? { tasks: run.tasks } : {}),
    ...(run.suiteOptions.fixed ? { fixed: true } : {}),
    ...(typeof run.suiteOptions.k === 'number' ? { k: run.suiteOptions.k } : {}),
  };
}
