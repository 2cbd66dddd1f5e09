import type { LanguageModel } from '@codeact/core';
import type { CollectedEpisode, CollectionSettings, EpisodeInfo, TaskRecord } from '@codeact/data';
import type { QueueConnection } from '@codeact/queue';
import type { CliIo } from '../cli-io.js';

/** A collection's episodes as BullMQ jobs: what `codeact data collect --queue` enqueues and follows. */
export type CollectQueue = {
  /** Enqueues the episode (idempotent id; a dead job is retried) and waits for a worker's result. */
  runEpisode(episode: { info: EpisodeInfo; task: TaskRecord; model: LanguageModel }): Promise<CollectedEpisode>;
  /** Enqueues without waiting; true when the job is new. */
  enqueue(episode: { info: EpisodeInfo; task: TaskRecord }): Promise<boolean>;
  close(): Promise<void>;
};

function parseCollected(value: unknown): CollectedEpisode | undefined {
  const episode = value as Partial<CollectedEpisode> | null;
  return episode && typeof episode === 'object' && typeof episode.success === 'boolean' && episode.trajectory
    ? (episode as CollectedEpisode)
    : undefined;
}

/**
 * Opens the collection queue on `url`. `specs` maps each model's `provider:model` key to the spec
 * workers resolve (paths absolute, never a key). Jobs retry infrastructure errors 3 times with backoff.
 */
export async function openCollectQueue(
  url: string,
  options: { dataset: string; settings: CollectionSettings; specs: ReadonlyMap<string, string> },
  io: CliIo,
): Promise<CollectQueue & { readonly connection: QueueConnection }> {
  const { CollectEpisodeJob, collectJobId, collectQueueName, createEpisodeFollower, openQueueConnection } =
    await import('@codeact/queue');
  const connection = await openQueueConnection(url);
  const queue = new connection.classes.Queue(collectQueueName, { connection: connection.connection });
  const follower = await createEpisodeFollower(connection, collectQueueName, { parse: parseCollected });
  const settings = Object.fromEntries(Object.entries(options.settings).filter(([, value]) => value !== undefined));
  const enqueue = async ({ info, task }: { info: EpisodeInfo; task: TaskRecord }) => {
    const job = CollectEpisodeJob.parse({
      kind: 'collect',
      dataset: options.dataset,
      task,
      model: options.specs.get(info.model) ?? info.model,
      role: info.role,
      settings,
    });
    const jobId = collectJobId(job);
    const state = await queue.getJobState(jobId);
    if (state === 'failed') await (await queue.getJob(jobId))?.retry('failed');
    if (state !== 'unknown') return { jobId, added: false };
    await queue.add('episode', job, {
      jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    return { jobId, added: true };
  };
  return {
    connection,
    async runEpisode(episode) {
      const { jobId } = await enqueue(episode);
      return follower.wait(jobId, io.abortSignal);
    },
    async enqueue(episode) {
      return (await enqueue(episode)).added;
    },
    async close() {
      await Promise.all([follower.close(), queue.close()]);
      await connection.close();
    },
  };
}
