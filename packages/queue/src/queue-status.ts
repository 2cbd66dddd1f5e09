import type { QueueConnection } from './queue-connection.js';

/** Where a run's episodes are: counts by BullMQ state, and every dead (failed for good) job with its error. */
export type QueueStatus = {
  readonly total: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly dead: readonly { readonly jobId: string; readonly attempts: number; readonly error: string }[];
};

/** The state of `jobIds` in `queueName`; a job no longer in the queue counts as `missing`. */
export async function queueStatus(
  connection: QueueConnection,
  queueName: string,
  jobIds: readonly string[],
): Promise<QueueStatus> {
  const queue = new connection.classes.Queue(queueName, { connection: connection.connection });
  try {
    const counts: Record<string, number> = {};
    const dead: { jobId: string; attempts: number; error: string }[] = [];
    for (const jobId of jobIds) {
      const job = await queue.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      counts[state] = (counts[state] ?? 0) + 1;
      if (job && state === 'failed') dead.push({ jobId, attempts: job.attemptsMade, error: job.failedReason });
    }
    return { total: jobIds.length, counts, dead };
  } finally {
    await queue.close();
  }
}
