import type { QueueConnection } from './queue-connection.js';
import type { RateLimit } from './rate-limit.js';

/** The queue whose jobs are the model-call permits of one provider (`codeact-rate-openai`). */
export function rateQueueName(provider: string): string {
  return `codeact-rate-${provider.replace(/[^\w.-]+/g, '_')}`;
}

type PermitJob = {
  waitUntilFinished(events: never): Promise<unknown>;
  getState(): Promise<string>;
};

/**
 * Resolves once the permit job is completed. Queue events say so at once, but a `QueueEvents`
 * reader fixes its starting point only at its first read, after `waitUntilReady`: a permit granted
 * in between is never announced (seen on the PostgreSQL backend under load). A state check every
 * second catches it; it stops as soon as the wait is over.
 */
async function permitGranted(job: PermitJob, events: unknown): Promise<void> {
  let waiting = true;
  const announced = job.waitUntilFinished(events as never);
  announced.catch(() => {});
  const checked = (async () => {
    while (waiting) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (waiting && (await job.getState().catch(() => 'unknown')) === 'completed') return;
    }
    return new Promise<never>(() => {});
  })();
  try {
    await Promise.race([announced, checked]);
  } finally {
    waiting = false;
  }
}

export type QueueRateLimiter = {
  /** Resolves once BullMQ's limiter lets one more call of this provider through, queue-wide. */
  acquire(abortSignal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
};

/**
 * A rate limit shared by every worker on the queue: each model call adds a permit job to the
 * provider's queue and waits until a permit worker (one in each `codeact worker`) has processed it,
 * and BullMQ's limiter (`{ max, duration }`, kept in the queue itself) lets at most `max` permits be
 * processed per `durationMs` across all workers. Every worker should be given the same `--rate`.
 */
export async function createQueueRateLimiter(
  connection: QueueConnection,
  provider: string,
  limit: RateLimit,
): Promise<QueueRateLimiter> {
  const { Queue, QueueEvents, Worker } = connection.classes;
  const name = rateQueueName(provider);
  const queue = new Queue(name, { connection: connection.connection });
  const events = new QueueEvents(name, { connection: connection.connection });
  // One permit at a time per worker (a permit takes no time): with several in flight, BullMQ 6.7's
  // PostgreSQL backend was seen leaving a claimed permit active and never processed. A permit's lock
  // is short, so one stuck like that goes back to the queue within seconds rather than a minute.
  const worker = new Worker(name, async () => true, {
    connection: connection.connection,
    concurrency: 1,
    lockDuration: 5000,
    stalledInterval: 5000,
    maxStalledCount: 10,
    limiter: { max: limit.max, duration: limit.durationMs },
  });
  // A dropped PostgreSQL/Redis connection is retried by BullMQ; with no listener it would print.
  queue.on('error', () => {});
  events.on('error', () => {});
  worker.on('error', () => {});
  await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  return {
    async acquire(abortSignal) {
      abortSignal?.throwIfAborted();
      // A permit stays a minute after it is granted: `waitUntilFinished` checks the job once it listens,
      // and a permit already granted and removed by then would read as a missing job, not a grant.
      const job = await queue.add('call', {}, { removeOnComplete: { age: 60 }, removeOnFail: true });
      const finished = permitGranted(job, events);
      // A permit removed on abort rejects here; that rejection is nobody's error.
      finished.catch(() => {});
      if (!abortSignal) return void (await finished);
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          job.remove().catch(() => {});
          reject(abortSignal.reason);
        };
        if (abortSignal.aborted) return onAbort();
        abortSignal.addEventListener('abort', onAbort, { once: true });
        finished.then(
          () => {
            abortSignal.removeEventListener('abort', onAbort);
            resolve();
          },
          (error: unknown) => {
            abortSignal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
    async close() {
      // Forced: a permit takes no time, and a rate-limited worker would otherwise wait out its delay.
      await worker.close(true);
      await Promise.all([events.close(), queue.close()]);
    },
  };
}
