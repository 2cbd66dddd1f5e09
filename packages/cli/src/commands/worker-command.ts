import { ConfigurationError } from '@codeact/core';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { openCliStore, resolveCliExecutor, resolveCliModel } from '../resolve-context.js';
import { queueUrl } from './bench-queue.js';
import { createCollectHandler } from './worker-collect.js';

/**
 * `codeact worker --queue URL`: runs queued benchmark and collection episodes until SIGTERM or Ctrl-C,
 * then lets the running episodes finish. Models come from this machine's environment; trajectories go
 * to this worker's store (`--store`, `$DATABASE_URL`), as dataset `bench/<suite>` for benchmark
 * episodes and the collection's dataset for `data collect` ones, and back in the job result.
 */
export async function workerCommand(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new ConfigurationError('codeact worker takes no arguments; see --help.');
  const url = queueUrl(values, io);
  if (!url) throw new ConfigurationError('codeact worker needs --queue postgres://… or redis://… (or $CODEACT_QUEUE).');
  const { suiteNames } = await import('@codeact/bench');
  const { createEpisodeWorker, openQueueConnection, parseRateLimits } = await import('@codeact/queue');
  const suites = values.suites ? values.suites.split(',').map((name) => name.trim()) : suiteNames;
  for (const suite of suites) {
    if (!suiteNames.includes(suite))
      throw new ConfigurationError(
        `--suites: unknown benchmark ${JSON.stringify(suite)}; known: ${suiteNames.join(', ')}.`,
      );
  }
  const rates = parseRateLimits(values.rate);
  const connection = await openQueueConnection(url);
  const store = await openCliStore(values, io);
  const worker = await createEpisodeWorker({
    connection,
    suites,
    concurrency: values.concurrency,
    rates,
    ...(values['lock-timeout'] === undefined ? {} : { lockDurationMs: values['lock-timeout'] * 1000 }),
    resolveModel: (spec) => resolveCliModel({ ...values, model: spec }, io),
    createExecutor: async () => {
      const { executor, explanation } = await resolveCliExecutor(values);
      io.stderr.write(`codeact: ${explanation}\n`);
      return executor;
    },
    onEpisode: async (result, job) => {
      await store?.saveTrajectory(result.trajectory, { dataset: `bench/${job.suite}` });
    },
    collect: createCollectHandler(store),
    log: (line) => io.stderr.write(`codeact worker: ${line}\n`),
  });
  io.stderr.write(
    `codeact worker: taking ${suites.join(', ')} episodes and collection episodes from ${connection.displayUrl}\n`,
  );
  const stop = new AbortController();
  const onTerm = () => stop.abort();
  process.once('SIGTERM', onTerm);
  io.abortSignal.addEventListener('abort', onTerm, { once: true });
  try {
    await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    io.stderr.write('codeact worker: stopping after the running episodes\n');
  } finally {
    process.off('SIGTERM', onTerm);
    await worker.close();
    await store?.close();
    await connection.close();
  }
  return 0;
}
