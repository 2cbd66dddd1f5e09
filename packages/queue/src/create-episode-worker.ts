import {
  type BenchmarkSuite,
  type BenchmarkTask,
  type EpisodeResult,
  episodeModel,
  loadSuite,
  type RunScope,
} from '@codeact/bench';
import { CodeActError, type Executor, type LanguageModel } from '@codeact/core';
import { type Job, UnrecoverableError } from 'bullmq';
import { BenchEpisodeJob, CollectEpisodeJob, collectQueueName, episodeQueueName, runQueueName } from './episode-job.js';
import type { QueueConnection } from './queue-connection.js';
import { createQueueRateLimiter } from './queue-rate-limiter.js';
import { type RateLimit, rateLimitedModel } from './rate-limit.js';

export type EpisodeWorkerOptions = {
  readonly connection: QueueConnection;
  /** The suites whose queues this worker takes episodes from. */
  readonly suites: readonly string[];
  /** Episodes run at once, per suite queue. Default 1. */
  readonly concurrency?: number | undefined;
  /** Resolves a job's model spec with this machine's environment (keys stay here). Cached per spec. */
  resolveModel(spec: string): Promise<LanguageModel>;
  /** This worker's interpreter, created at the first episode that needs it and disposed on close. */
  createExecutor(): Promise<Executor>;
  /**
   * Model calls per provider across every worker on the queue (`{ openai: { max: 60, durationMs: 60000 } }`),
   * enforced by BullMQ's limiter on a permit queue per provider; give every worker the same rates.
   */
  readonly rates?: Readonly<Record<string, RateLimit>> | undefined;
  /** How long an episode's lock lasts without renewal: a killed worker's episode is retried after it. Default 30 s. */
  readonly lockDurationMs?: number | undefined;
  /** After each finished episode, before the job completes (e.g. save the trajectory to the shared store). */
  onEpisode?(result: EpisodeResult, job: BenchEpisodeJob): Promise<void>;
  /**
   * Runs one collection episode (`codeact data collect --queue`) with the job's model (rate-limited)
   * and this worker's interpreter, saves it, and returns the job result. Without it, no collection
   * jobs are taken.
   */
  collect?(job: CollectEpisodeJob, context: CollectContext): Promise<unknown>;
  /** One line per episode started, finished or failed. */
  log?(line: string): void;
};

export type EpisodeWorker = {
  /** Stops taking jobs, lets the running episodes finish, then closes everything. Idempotent. */
  close(): Promise<void>;
};

export type CollectContext = {
  readonly model: LanguageModel;
  executor(): Promise<Executor>;
  readonly abortSignal: AbortSignal;
};

type SuiteRun = { suite: BenchmarkSuite; tasks: Map<string, BenchmarkTask>; scope: RunScope };

/** Errors the user must fix: retrying cannot help, so they fail the job at once. */
function isPermanent(error: unknown): boolean {
  return CodeActError.isInstance(error) && error.code === 'CONFIGURATION';
}

/**
 * A BullMQ worker for benchmark episodes: it takes jobs from the suites' queues, runs each episode
 * with its own interpreter and its own models, and completes the job with the episode result (which
 * the submitting command writes out). A wrong answer is a result; an infrastructure error (the
 * episode threw) fails the attempt and BullMQ retries it with backoff; configuration errors are not
 * retried. A killed worker's running episodes go back to the queue when their lock expires.
 * The parent job of each run is processed too: it counts the gathered results.
 */
export async function createEpisodeWorker(options: EpisodeWorkerOptions): Promise<EpisodeWorker> {
  const { connection } = options;
  const { Worker } = connection.classes;
  const lockDuration = options.lockDurationMs ?? 30_000;
  const models = new Map<string, Promise<LanguageModel>>();
  // Queue-wide: every worker's calls to a provider share BullMQ's limiter on that provider's permit queue.
  const limiters = new Map(
    await Promise.all(
      Object.entries(options.rates ?? {}).map(
        async ([name, rate]) => [name, await createQueueRateLimiter(connection, name, rate)] as const,
      ),
    ),
  );
  const runs = new Map<string, Promise<SuiteRun>>();
  const cleanups: (() => void | Promise<void>)[] = [];
  let executor: Promise<Executor> | undefined;
  const getExecutor = () => {
    executor ??= options.createExecutor();
    return executor;
  };
  const suiteRun = (suiteName: string, suiteOptions: Record<string, unknown>) => {
    const key = JSON.stringify([suiteName, suiteOptions]);
    let run = runs.get(key);
    if (!run) {
      run = (async () => {
        const suite = await loadSuite(suiteName);
        const tasks = new Map((await suite.listTasks(suiteOptions)).map((task) => [task.id, task]));
        const scope: RunScope = { state: new Map(), defer: (cleanup) => cleanups.push(cleanup) };
        return { suite, tasks, scope };
      })();
      run.catch(() => runs.delete(key));
      runs.set(key, run);
    }
    return run;
  };
  const modelFor = (spec: string) => {
    let model = models.get(spec);
    if (!model) {
      model = options.resolveModel(spec);
      model.catch(() => models.delete(spec));
      models.set(spec, model);
    }
    return model;
  };

  const limited = (model: LanguageModel) => {
    const limiter = limiters.get(model.provider);
    return limiter ? rateLimitedModel(model, limiter) : model;
  };
  const failure = (label: string, error: unknown) => {
    options.log?.(`error ${label}: ${(error as Error).message}`);
    return isPermanent(error) ? new UnrecoverableError((error as Error).message) : error;
  };

  const processCollect = async (job: Job): Promise<unknown> => {
    const parsed = CollectEpisodeJob.safeParse(job.data);
    if (!parsed.success || !options.collect) throw new UnrecoverableError(`job ${job.id} is not a collection episode`);
    const data = parsed.data;
    const label = `collect ${data.dataset} ${String(data.task.id)} ${data.model}`;
    try {
      options.log?.(`start ${label} (attempt ${job.attemptsMade + 1})`);
      const model = limited(await modelFor(data.model));
      const result = await options.collect(data, {
        model,
        executor: getExecutor,
        abortSignal: new AbortController().signal,
      });
      options.log?.(`done ${label}`);
      return result;
    } catch (error) {
      throw failure(label, error);
    }
  };

  const processEpisode = async (job: Job): Promise<EpisodeResult> => {
    const parsed = BenchEpisodeJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} is not a benchmark episode`);
    const data = parsed.data;
    const label = `${data.suite} ${data.format} ${data.taskId}`;
    try {
      const { suite, tasks, scope } = await suiteRun(data.suite, data.suiteOptions);
      const task = tasks.get(data.taskId);
      if (!task) throw new UnrecoverableError(`${data.suite} has no task ${data.taskId}`);
      const base = episodeModel(await modelFor(data.model), task.id, data.format);
      const abort = new AbortController();
      options.log?.(`start ${label} (attempt ${job.attemptsMade + 1})`);
      const episode = await suite.runEpisode({
        task,
        format: data.format,
        model: limited(base),
        executor: getExecutor,
        suiteOptions: data.suiteOptions,
        abortSignal: abort.signal,
        run: scope,
      });
      // The job id as trajectory id: a retried episode replaces its trajectory in the store, never adds one.
      const result = { ...episode, trajectory: { ...episode.trajectory, id: String(job.id) } };
      await options.onEpisode?.(result, data);
      options.log?.(`done ${label}: ${result.success ? 'solved' : result.endReason}`);
      return result;
    } catch (error) {
      throw failure(label, error);
    }
  };

  const workerOptions = {
    connection: connection.connection,
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 2,
  };
  const workers = options.suites.map(
    (suite) => new Worker<unknown, unknown>(episodeQueueName(suite), processEpisode, workerOptions),
  );
  if (options.collect) workers.push(new Worker(collectQueueName, processCollect, workerOptions));
  workers.push(
    new Worker(runQueueName, async (job: Job) => ({ episodes: Object.keys(await job.getChildrenValues()).length }), {
      connection: connection.connection,
      lockDuration,
      stalledInterval: lockDuration,
    }),
  );
  for (const worker of workers) worker.on('error', () => {});
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        await Promise.all(workers.map((worker) => worker.close()));
        await Promise.all([...limiters.values()].map((limiter) => limiter.close()));
        for (const cleanup of cleanups.reverse())
          await Promise.resolve()
            .then(cleanup)
            .catch(() => {});
        if (executor) await (await executor.catch(() => undefined))?.dispose();
      })();
      return closing;
    },
  };
}
