import type { SuiteOptions } from '@codeact/bench';
import { BenchEpisodeJob, episodeJobId, episodeQueueName, type RunJob, runJobId, runQueueName } from './episode-job.js';
import type { QueueConnection } from './queue-connection.js';

export type EnqueueBenchmarkOptions = {
  readonly connection: QueueConnection;
  readonly suite: string;
  /** The model spec workers resolve, with file paths absolute. */
  readonly model: string;
  readonly episodes: readonly { readonly taskId: string; readonly format: string }[];
  readonly suiteOptions: SuiteOptions;
  /** Attempts per episode for infrastructure errors. Default 3. */
  readonly attempts?: number | undefined;
};

export type EnqueuedBenchmark = {
  readonly runId: string;
  /** The job id of every episode, by `<format>\0<task id>`. */
  readonly jobIds: ReadonlyMap<string, string>;
  /** Episodes added now (0 when the run was already queued: the command re-attaches). */
  readonly added: number;
  /** Episodes whose job already existed (queued, running or finished by an earlier submission). */
  readonly existing: number;
};

export function episodeKey(taskId: string, format: string): string {
  return `${format}\u0000${taskId}`;
}

/**
 * Enqueues one job per episode as a BullMQ flow: a parent in `codeact-runs` whose children are the
 * episodes, in the suite's queue. Ids derive from the episode, so submitting again adds nothing:
 * episodes that already have a job (finished ones included) are left as they are and followed.
 */
export async function enqueueBenchmark(options: EnqueueBenchmarkOptions): Promise<EnqueuedBenchmark> {
  const { connection } = options;
  const { Queue, FlowProducer } = connection.classes;
  const queueName = episodeQueueName(options.suite);
  const episodes = options.episodes.map(({ taskId, format }) =>
    BenchEpisodeJob.parse({
      kind: 'bench',
      suite: options.suite,
      taskId,
      format,
      model: options.model,
      suiteOptions: { ...options.suiteOptions },
    }),
  );
  const jobIds = new Map(
    episodes.map((episode) => [episodeKey(episode.taskId, episode.format), episodeJobId(episode)]),
  );
  const run: RunJob = { kind: 'run', suite: options.suite, model: options.model };
  const runId = runJobId(run, [...jobIds.values()]);

  const episodeQueue = new Queue(queueName, { connection: connection.connection });
  const runQueue = new Queue(runQueueName, { connection: connection.connection });
  const flows = new FlowProducer({ connection: connection.connection });
  // Errors that matter reject the calls below; a connection dropped meanwhile would only be printed.
  for (const queue of [episodeQueue, runQueue]) queue.on('error', () => {});
  flows.on('error', () => {});
  try {
    if (await runQueue.getJob(runId)) return { runId, jobIds, added: 0, existing: episodes.length };
    // Which episodes already have a job, a batch of lookups at a time.
    const fresh: BenchEpisodeJob[] = [];
    for (let start = 0; start < episodes.length; start += 64) {
      const batch = episodes.slice(start, start + 64);
      const found = await Promise.all(batch.map((episode) => episodeQueue.getJobState(episodeJobId(episode))));
      batch.forEach((episode, index) => {
        if (found[index] === 'unknown') fresh.push(episode);
      });
    }
    const attempts = options.attempts ?? 3;
    await flows.add({
      name: 'run',
      queueName: runQueueName,
      data: run,
      opts: { jobId: runId },
      children: fresh.map((episode) => ({
        name: 'episode',
        queueName,
        data: episode,
        opts: {
          jobId: episodeJobId(episode),
          attempts,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: false,
          removeOnFail: false,
          // An episode that fails for good is listed as dead; the run still gathers the others.
          ignoreDependencyOnFailure: true,
        },
      })),
    });
    return { runId, jobIds, added: fresh.length, existing: episodes.length - fresh.length };
  } finally {
    await Promise.all([flows.close(), episodeQueue.close(), runQueue.close()]);
  }
}
