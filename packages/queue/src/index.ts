/**
 * Benchmark episodes as BullMQ jobs on PostgreSQL (default) or Redis: `runQueuedBenchmark` enqueues a
 * run as a flow and follows it, `createEpisodeWorker` runs episodes on any machine, `queueStatus`
 * lists progress and dead jobs.
 * @module
 */

export {
  type CollectContext,
  createEpisodeWorker,
  type EpisodeWorker,
  type EpisodeWorkerOptions,
} from './create-episode-worker.js';
export {
  type EnqueueBenchmarkOptions,
  type EnqueuedBenchmark,
  enqueueBenchmark,
  episodeKey,
} from './enqueue-benchmark.js';
export { createEpisodeFollower, type EpisodeFollower, EpisodeJobFailedError } from './episode-follower.js';
export {
  BenchEpisodeJob,
  CollectEpisodeJob,
  collectJobId,
  collectQueueName,
  episodeJobId,
  episodeQueueName,
  RunJob,
  runJobId,
  runQueueName,
} from './episode-job.js';
export {
  openQueueConnection,
  type QueueBackendName,
  type QueueConnection,
  queueBackendOf,
} from './queue-connection.js';
export { createQueueRateLimiter, type QueueRateLimiter, rateQueueName } from './queue-rate-limiter.js';
export { type QueueStatus, queueStatus } from './queue-status.js';
export { parseRateLimits, type RateLimit, rateLimitedModel } from './rate-limit.js';
export { type RunQueuedBenchmarkOptions, runQueuedBenchmark } from './run-queued-benchmark.js';
