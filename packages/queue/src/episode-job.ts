import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The queue of the parent jobs that gather a run's episode results. */
export const runQueueName = 'codeact-runs';

/** The queue a suite's episodes wait in; `codeact worker --suites` picks queues by suite. */
export function episodeQueueName(suite: string): string {
  return `codeact-bench-${suite.replace(/[^\w.-]+/g, '_')}`;
}

/**
 * What a worker needs to run one benchmark episode. The model is a spec (`openai:gpt-4o`,
 * `script:/abs/file.jsonl`) that the worker resolves with its own environment: keys never travel.
 */
export const BenchEpisodeJob = z.object({
  kind: z.literal('bench'),
  suite: z.string(),
  taskId: z.string(),
  format: z.string(),
  model: z.string(),
  suiteOptions: z.record(z.string(), z.unknown()),
});
export type BenchEpisodeJob = z.infer<typeof BenchEpisodeJob>;

/** The queue collection episodes (`codeact data collect --queue`) wait in. */
export const collectQueueName = 'codeact-collect';

/**
 * What a worker needs to run one collection episode: the task record itself (workers need no task
 * file), the model spec it resolves with its own keys, and the collection's budgets.
 */
export const CollectEpisodeJob = z.object({
  kind: z.literal('collect'),
  dataset: z.string(),
  task: z.record(z.string(), z.unknown()),
  model: z.string(),
  role: z.enum(['primary', 'fallback']),
  settings: z.record(z.string(), z.unknown()),
});
export type CollectEpisodeJob = z.infer<typeof CollectEpisodeJob>;

/**
 * A stable id for one collection episode, from dataset, task, model and settings (temperature, the
 * collection's seed, among them): enqueueing it again is a no-op.
 */
export function collectJobId(job: CollectEpisodeJob): string {
  const taskId = String(job.task.id);
  const key = [job.dataset, taskId, job.model, job.role, job.settings];
  return ['collect', readable(job.dataset), readable(taskId), readable(job.model), digest(key)].join('.');
}

/** The parent of a run's episodes: a worker gathers their results into a count when all are done. */
export const RunJob = z.object({ kind: z.literal('run'), suite: z.string(), model: z.string() });
export type RunJob = z.infer<typeof RunJob>;

function digest(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function readable(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').slice(0, 60);
}

/**
 * A stable id for one episode, from suite, task, format, model and suite options (the seed among
 * them): enqueueing it again is a no-op. Readable, then a hash of the exact fields; BullMQ ids may not
 * contain `:`, so none does.
 *
 * @example
 * episodeJobId({ kind: 'bench', suite: 'm3tooleval', taskId: 'web_browsing/x', format: 'code', model: 'openai:gpt-4o', suiteOptions: {} })
 * // 'm3tooleval.code.web_browsing_x.openai_gpt-4o.3f2a…'
 */
export function episodeJobId(job: BenchEpisodeJob): string {
  const key = [job.suite, job.format, job.taskId, job.model, job.suiteOptions];
  return [job.suite, job.format, readable(job.taskId), readable(job.model), digest(key)].join('.');
}

/** A stable id for a whole run (suite, model, options and the exact episodes it covers). */
export function runJobId(run: RunJob, episodeIds: readonly string[]): string {
  return ['run', run.suite, readable(run.model), digest([run, [...episodeIds].sort()])].join('.');
}
