import type { Executor, LanguageModel, Tool, Trajectory } from '@codeact/core';
import { runMintEpisode } from '@codeact/mint';
import type { AnswerChecker } from '../checkers/answer-checker.js';
import type { TaskRecord } from '../task/task-record.js';
import type { EpisodeInfo } from './collect-reporter.js';
import { collectionFamily, collectionTask } from './collection-family.js';

/** The budgets and sampling of a collection, the same for each of its episodes. */
export type CollectionSettings = {
  /** Interaction budget k (turns per episode). Default 5, as CodeActInstruct. */
  readonly k?: number | undefined;
  /** Proposal budget p. Default 2. */
  readonly maxProposals?: number | undefined;
  /** Default 0, as the paper. */
  readonly temperature?: number | undefined;
  /** Default 1024. */
  readonly maxOutputTokens?: number | undefined;
  readonly actionTimeoutMs?: number | undefined;
};

export type RunCollectionEpisodeOptions = CollectionSettings & {
  readonly task: TaskRecord;
  readonly model: LanguageModel;
  readonly executor: Executor;
  readonly checker: AnswerChecker;
  /** The task's tools and any extra host tools, in the order the prompt lists them. */
  readonly tools: readonly Tool[];
  readonly extraSetupCode?: string | undefined;
  readonly dataset: string;
  readonly role: EpisodeInfo['role'];
  readonly abortSignal?: AbortSignal | undefined;
  readonly now?: (() => Date) | undefined;
};

/** A finished collection episode: its trajectory as stored (`metadata.success` set) and the verdict. */
export type CollectedEpisode = { readonly trajectory: Trajectory; readonly success: boolean };

/** `<dataset>/<task id>/<provider:model>`: a collection episode's trajectory id, stable across resumes. */
export function collectionEpisodeId(dataset: string, taskId: string, modelKey: string): string {
  return `${dataset}/${taskId}/${modelKey}`;
}

/**
 * One collection episode under the MINT protocol (spec §2.2): the task's prompt, tools and checker,
 * the collection's budgets; the trajectory gets its stable collection id. Saving is the caller's.
 */
export async function runCollectionEpisode(options: RunCollectionEpisodeOptions): Promise<CollectedEpisode> {
  const { task, model, dataset, role } = options;
  const modelKey = `${model.provider}:${model.modelId}`;
  const { trajectory, success } = await runMintEpisode({
    model,
    executor: options.executor,
    family: collectionFamily(task, options.checker, options.tools, options.extraSetupCode),
    task: collectionTask(task),
    maxSteps: task.maxTurns ?? options.k ?? 5,
    maxProposals: task.maxProposals ?? options.maxProposals ?? 2,
    temperature: options.temperature ?? 0,
    maxOutputTokens: options.maxOutputTokens ?? 1024,
    actionTimeoutMs: options.actionTimeoutMs,
    rule: 'current',
    metadata: { source: task.source, collection: { dataset, model: modelKey, role, checker: task.checker } },
    generateId: () => collectionEpisodeId(dataset, task.id, modelKey),
    abortSignal: options.abortSignal,
    now: options.now,
  });
  return { trajectory: { ...trajectory, metadata: { ...trajectory.metadata, success } }, success };
}
