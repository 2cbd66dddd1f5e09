import { setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import { type BenchmarkRun, type RunBenchmarkOptions, readEpisode, runBenchmark, selectTasks } from '@codeact/bench';
import { type EnqueuedBenchmark, enqueueBenchmark, episodeKey } from './enqueue-benchmark.js';
import { createEpisodeFollower } from './episode-follower.js';
import { episodeQueueName } from './episode-job.js';
import type { QueueConnection } from './queue-connection.js';

export type RunQueuedBenchmarkOptions = Omit<RunBenchmarkOptions, 'executor' | 'runEpisode' | 'concurrency'> & {
  readonly connection: QueueConnection;
  /** The model spec workers resolve (`script:` and `replay:` paths absolute); `model` names the run. */
  readonly modelSpec: string;
  /** Only enqueue (or find the queued run) and return without waiting. */
  readonly detach?: boolean | undefined;
  /** Called once the episodes are queued. */
  readonly onEnqueued?: ((enqueued: EnqueuedBenchmark) => void | Promise<void>) | undefined;
};

/**
 * `runBenchmark` with the episodes on BullMQ workers: enqueues every episode not yet in `outDir`
 * (idempotent job ids, as one flow), then follows the jobs; the harness writes the same episode
 * files, `results.json`, `report.md` and `chart.svg`, with the same progress reporting, as a local run.
 * Killing and rerunning it re-attaches to the queued run. With `detach`, returns after enqueueing.
 */
export async function runQueuedBenchmark(
  options: RunQueuedBenchmarkOptions,
): Promise<{ readonly enqueued: EnqueuedBenchmark; readonly run?: BenchmarkRun | undefined }> {
  const { connection, suite, modelSpec, detach, onEnqueued, ...rest } = options;
  const suiteOptions = options.suiteOptions ?? {};
  const formats = options.formats ?? suite.formats;
  const tasks = await selectTasks(suite, suiteOptions, options.tasks);
  const outDir = resolve(options.outDir);
  const episodes: { taskId: string; format: string }[] = [];
  for (const task of tasks) {
    for (const format of formats) {
      if (!(await readEpisode(outDir, format, task.id))) episodes.push({ taskId: task.id, format });
    }
  }
  const enqueued = await enqueueBenchmark({ connection, suite: suite.name, model: modelSpec, episodes, suiteOptions });
  await onEnqueued?.(enqueued);
  if (detach) return { enqueued };
  const follower = await createEpisodeFollower(connection, episodeQueueName(suite.name));
  // Every waiting episode listens to the one abort signal.
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const onAbort = () => abort.abort(options.abortSignal?.reason);
  if (options.abortSignal?.aborted) onAbort();
  options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  try {
    const run = await runBenchmark({
      ...rest,
      suite,
      formats,
      abortSignal: abort.signal,
      concurrency: Math.max(1, tasks.length),
      runEpisode: ({ task, format, abortSignal }) => {
        const jobId = enqueued.jobIds.get(episodeKey(task.id, format));
        if (!jobId) throw new Error(`no job for ${format} ${task.id}`);
        return follower.wait(jobId, abortSignal);
      },
    });
    return { enqueued, run };
  } finally {
    options.abortSignal?.removeEventListener('abort', onAbort);
    await follower.close();
  }
}
