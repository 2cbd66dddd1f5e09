import { type EpisodeResult, parseEpisodeResult } from '@codeact/bench';
import type { QueueConnection } from './queue-connection.js';

/** Waits for episode jobs of one queue: by queue events, with a periodic check so none is missed. */
export type EpisodeFollower<T = EpisodeResult> = {
  /** The job's episode once it completed; rejects when it failed for good or `abortSignal` fires. */
  wait(jobId: string, abortSignal?: AbortSignal): Promise<T>;
  close(): Promise<void>;
};

type Waiter<T> = { resolve(result: T): void; reject(error: Error): void };

/** An episode that failed on every attempt (its last error is the message). */
export class EpisodeJobFailedError extends Error {
  constructor(jobId: string, reason: string) {
    super(`job ${jobId} failed: ${reason}`);
    this.name = 'EpisodeJobFailedError';
  }
}

/**
 * Follows episode jobs in `queueName`. A job is looked at when its `completed` or `failed` event
 * arrives and every `pollMs` (default 2 s) while anyone waits, so a submitter that re-attaches, or
 * misses events during a reconnect, still sees every result.
 */
export async function createEpisodeFollower<T = EpisodeResult>(
  connection: QueueConnection,
  queueName: string,
  options: {
    readonly pollMs?: number;
    /** Reads a completed job's return value (default: an episode result); undefined when it is not one. */
    readonly parse?: (value: unknown) => T | undefined;
  } = {},
): Promise<EpisodeFollower<T>> {
  const parse = options.parse ?? (parseEpisodeResult as (value: unknown) => T | undefined);
  const { Queue, QueueEvents } = connection.classes;
  const queue = new Queue(queueName, { connection: connection.connection });
  const events = new QueueEvents(queueName, { connection: connection.connection });
  // A dropped or closing PostgreSQL/Redis connection is retried by BullMQ (and the poll below
  // catches up); with no listener BullMQ would print it.
  queue.on('error', () => {});
  events.on('error', () => {});
  await events.waitUntilReady();
  const waiting = new Map<string, Waiter<T>[]>();

  const settle = (jobId: string, outcome: { result: T } | { error: Error }) => {
    const waiters = waiting.get(jobId) ?? [];
    waiting.delete(jobId);
    for (const waiter of waiters) 'result' in outcome ? waiter.resolve(outcome.result) : waiter.reject(outcome.error);
  };
  const check = async (jobId: string) => {
    // The state first: a job read before it completed would have no result yet.
    const state = await queue.getJobState(jobId);
    if (state === 'unknown')
      return settle(jobId, { error: new EpisodeJobFailedError(jobId, 'the job is gone from the queue') });
    if (state !== 'completed' && state !== 'failed') return;
    const job = await queue.getJob(jobId);
    if (!job) return;
    if (state === 'failed') return settle(jobId, { error: new EpisodeJobFailedError(jobId, job.failedReason) });
    const result = parse(job.returnvalue);
    settle(jobId, result ? { result } : { error: new EpisodeJobFailedError(jobId, 'its result is not an episode') });
  };
  const checkQuietly = (jobId: string) => {
    if (waiting.has(jobId)) check(jobId).catch(() => {});
  };
  events.on('completed', ({ jobId }) => checkQuietly(jobId));
  events.on('failed', ({ jobId }) => checkQuietly(jobId));
  const timer = setInterval(() => {
    for (const jobId of waiting.keys()) checkQuietly(jobId);
  }, options.pollMs ?? 2000);
  timer.unref();

  return {
    wait(jobId, abortSignal) {
      return new Promise<T>((resolve, reject) => {
        if (abortSignal?.aborted) return reject(abortSignal.reason);
        const onAbort = () => reject(abortSignal?.reason);
        abortSignal?.addEventListener('abort', onAbort, { once: true });
        const list = waiting.get(jobId) ?? [];
        list.push({
          resolve: (result) => {
            abortSignal?.removeEventListener('abort', onAbort);
            resolve(result);
          },
          reject: (error) => {
            abortSignal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        waiting.set(jobId, list);
        check(jobId).catch(() => {});
      });
    },
    async close() {
      clearInterval(timer);
      await Promise.all([events.close(), queue.close()]);
    },
  };
}
