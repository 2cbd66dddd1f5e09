import {
  ConfigurationError,
  type Executor,
  iterateTrajectories,
  type LanguageModel,
  type Tool,
  type TrajectoryStore,
} from '@codeact/core';
import type { AnswerChecker } from '../checkers/answer-checker.js';
import { builtinCheckers } from '../checkers/builtin-checkers.js';
import type { TaskRecord } from '../task/task-record.js';
import { turnCount } from '../trajectory-facts.js';
import type { CollectReporter, CollectSummary, EpisodeInfo } from './collect-reporter.js';
import { type CollectedEpisode, collectionEpisodeId, runCollectionEpisode } from './run-collection-episode.js';

export type CollectTrajectoriesOptions = {
  readonly tasks: readonly TaskRecord[] | AsyncIterable<TaskRecord>;
  /** One model, or several (the paper used three); each runs every task once. */
  readonly model: LanguageModel | readonly LanguageModel[];
  /** Run on the tasks no model solved (the paper's GPT-4 pass on the hard instances). */
  readonly fallbackModel?: LanguageModel | undefined;
  /** The interpreter, or a factory called per episode (its executors are disposed after the episode). */
  readonly executor?: Executor | ((task: TaskRecord) => Executor | Promise<Executor>) | undefined;
  readonly store: TrajectoryStore;
  /** Label of this collection in the store; resuming uses the same one. Default `collect`. */
  readonly dataset?: string;
  /** Interaction budget k (turns per episode). Default 5, as CodeActInstruct. */
  readonly k?: number;
  /** Proposal budget p. Default 2. */
  readonly maxProposals?: number;
  /** Episodes at once. Default 1. */
  readonly concurrency?: number;
  /** Tools by name, for `task.tools`. */
  readonly tools?: Readonly<Record<string, Tool>>;
  /**
   * Host tools offered in every episode besides the task's own (e.g. `--mcp` servers' tools), listed
   * after them in the prompt. None by default, so the MINT prompt stays as recorded.
   */
  readonly extraTools?: readonly Tool[];
  /** Python run after each task's setup code (e.g. the MCP result wrappers). */
  readonly extraSetupCode?: string;
  /** Extra or replacement checkers by family name (on top of `builtinCheckers`). */
  readonly checkers?: Readonly<Record<string, AnswerChecker>>;
  /** Default 0, as the paper. */
  readonly temperature?: number;
  /** Default 1024. */
  readonly maxOutputTokens?: number;
  readonly actionTimeoutMs?: number;
  readonly reporter?: CollectReporter;
  /** Stops starting episodes and aborts those running; they are not saved and run again on resume. */
  readonly abortSignal?: AbortSignal;
  readonly now?: () => Date;
  /**
   * Runs one episode elsewhere instead of here (e.g. `codeact data collect --queue` hands it to a
   * worker); the returned trajectory is saved like a local one. `executor` is then unused.
   */
  readonly runEpisode?: (episode: {
    readonly info: EpisodeInfo;
    readonly task: TaskRecord;
    readonly model: LanguageModel;
  }) => Promise<CollectedEpisode>;
};

const modelKey = (model: LanguageModel) => `${model.provider}:${model.modelId}`;

/**
 * Collects CodeAct trajectories (paper §3.1, spec §2.2): every task once per model under the MINT
 * protocol, each finished episode saved to the store before the next result is reported. Resumable:
 * ids are `<dataset>/<task id>/<provider:model>`, so a second call with the same dataset skips what
 * is stored and runs the rest, and the fallback model then runs on every task no model solved.
 *
 * @example
 * const summary = await collectTrajectories({ tasks: await readTasks('tasks.jsonl'), model, executor, store, dataset: 'run-1' });
 */
export async function collectTrajectories(options: CollectTrajectoriesOptions): Promise<CollectSummary> {
  const tasks: TaskRecord[] = [];
  for await (const task of options.tasks) tasks.push(task);
  const models = Array.isArray(options.model)
    ? (options.model as readonly LanguageModel[])
    : [options.model as LanguageModel];
  if (models.length === 0) throw new ConfigurationError('collectTrajectories needs at least one model.');
  const dataset = options.dataset ?? 'collect';
  const k = options.k ?? 5;
  const maxProposals = options.maxProposals ?? 2;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const checkers: Record<string, AnswerChecker> = { ...builtinCheckers, ...options.checkers };
  const tools = options.tools ?? {};
  const taskTools = (task: TaskRecord) => [
    ...task.tools.map((name) => tools[name] as Tool),
    ...(options.extraTools ?? []),
  ];

  const problems = new Set<string>();
  for (const task of tasks) {
    if (!checkers[task.checker]) {
      problems.add(
        task.checker === 'alfworld'
          ? 'checker "alfworld" needs the ALFWorld game engine (Python TextWorld): register it with `checkers` and its tools'
          : `no checker "${task.checker}" (task ${task.id}); known: ${Object.keys(checkers).sort().join(', ')}`,
      );
    }
    for (const name of task.tools) if (!tools[name]) problems.add(`no tool "${name}" (task ${task.id})`);
  }
  if (problems.size > 0) throw new ConfigurationError(`cannot collect: ${[...problems].join('; ')}`);

  const done = new Map<string, boolean>();
  for await (const trajectory of iterateTrajectories(options.store, { dataset })) {
    done.set(trajectory.id, trajectory.metadata?.success === true);
  }

  const episodeId = (task: TaskRecord, model: LanguageModel) => collectionEpisodeId(dataset, task.id, modelKey(model));
  let skipped = 0;
  let completed = 0;
  let solved = 0;
  let failed = 0;
  const fallback = { planned: 0, completed: 0, solved: 0 };
  const aborted = () => options.abortSignal?.aborted === true;

  const runEpisodes = async (episodes: { task: TaskRecord; model: LanguageModel; role: EpisodeInfo['role'] }[]) => {
    let next = 0;
    const worker = async () => {
      while (next < episodes.length && !aborted()) {
        const episode = episodes[next++] as (typeof episodes)[number];
        await runOne(episode.task, episode.model, episode.role);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, episodes.length) }, worker));
  };

  const runOne = async (task: TaskRecord, model: LanguageModel, role: EpisodeInfo['role']) => {
    const info: EpisodeInfo = {
      taskId: task.id,
      source: task.source,
      model: modelKey(model),
      role,
      trajectoryId: episodeId(task, model),
    };
    options.reporter?.onEpisodeStart?.(info);
    const ownsExecutor = typeof options.executor === 'function' && !options.runEpisode;
    let executor: Executor | undefined;
    try {
      let episode: CollectedEpisode;
      if (options.runEpisode) episode = await options.runEpisode({ info, task, model });
      else {
        executor = typeof options.executor === 'function' ? await options.executor(task) : options.executor;
        if (!executor) throw new ConfigurationError('collectTrajectories needs an executor or runEpisode.');
        episode = await runCollectionEpisode({
          task,
          model,
          executor,
          checker: checkers[task.checker] as AnswerChecker,
          tools: taskTools(task),
          extraSetupCode: options.extraSetupCode,
          dataset,
          role,
          k,
          maxProposals,
          temperature: options.temperature,
          maxOutputTokens: options.maxOutputTokens,
          actionTimeoutMs: options.actionTimeoutMs,
          abortSignal: options.abortSignal,
          now: options.now,
        });
      }
      const { trajectory: stored, success } = episode;
      if (aborted()) return;
      await options.store.saveTrajectory(stored, { dataset });
      done.set(info.trajectoryId, success);
      completed += 1;
      if (success) solved += 1;
      if (role === 'fallback') {
        fallback.completed += 1;
        if (success) fallback.solved += 1;
      }
      options.reporter?.onEpisodeEnd?.({ ...info, success, turns: turnCount(stored) });
    } catch (error) {
      if (aborted()) return;
      failed += 1;
      options.reporter?.onEpisodeError?.({ ...info, error });
    } finally {
      if (ownsExecutor) await executor?.dispose();
    }
  };

  const primary = tasks.flatMap((task) => models.map((model) => ({ task, model, role: 'primary' as const })));
  const pending = primary.filter((episode) => !done.has(episodeId(episode.task, episode.model)));
  skipped += primary.length - pending.length;
  options.reporter?.onCollectStart?.({ planned: primary.length, skipped, tasks: tasks.length });
  await runEpisodes(pending);

  let plannedTotal = primary.length;
  const fallbackModel = options.fallbackModel;
  if (fallbackModel && !aborted()) {
    const unsolved = tasks.filter((task) =>
      models.every((model) => {
        const id = episodeId(task, model);
        return done.has(id) && done.get(id) === false;
      }),
    );
    const episodes = unsolved.map((task) => ({ task, model: fallbackModel, role: 'fallback' as const }));
    const fallbackPending = episodes.filter((episode) => !done.has(episodeId(episode.task, episode.model)));
    fallback.planned = episodes.length;
    plannedTotal += episodes.length;
    skipped += episodes.length - fallbackPending.length;
    options.reporter?.onFallbackStart?.({
      planned: episodes.length,
      skipped: episodes.length - fallbackPending.length,
    });
    await runEpisodes(fallbackPending);
  }

  const summary: CollectSummary = {
    planned: plannedTotal,
    skipped,
    completed,
    solved,
    failed,
    fallback,
    aborted: aborted(),
  };
  options.reporter?.onCollectEnd?.(summary);
  return summary;
}
