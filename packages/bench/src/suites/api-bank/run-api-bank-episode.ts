import { CodeActError, ModelCallError, runAgent, type Trajectory } from '@codeact/core';
import { fromJsonValue, PyDict, pyNone, pythonStr } from '@codeact/mint';
import type { BenchmarkTask, EpisodeOptions, EpisodeResult } from '../../harness/benchmark-suite.js';
import { apiBankActionFormat } from './api-bank-action-format.js';
import { type ActionMode, type ApiBankData, loadApiBankData } from './api-bank-data.js';
import { ApiBankEpisode, type ApiBankVerdict } from './api-bank-episode.js';
import { createApiBankTools } from './api-bank-tools.js';
import { createApiCallExecutor } from './api-call-executor.js';
import { buildApiBankMessages } from './protocol/build-messages.js';

/** The suite's format names and the evaluator's action modes. */
export const apiBankFormats = ['code', 'json', 'text'] as const;
export type ApiBankFormat = (typeof apiBankFormats)[number];
export const actionModeOf: Readonly<Record<ApiBankFormat, ActionMode>> = {
  code: 'code_as_action',
  json: 'json_as_action',
  text: 'text_as_action',
};

/** One instance: its `instance_id`, grouped by the API it should call. */
export type ApiBankTask = BenchmarkTask & {
  readonly apiName: string;
  /** `level-1` or `level-2` after the source file's name (both are API-Bank level-1). */
  readonly fileLevel: string;
};

function isApiBankFormat(format: string): format is ApiBankFormat {
  return (apiBankFormats as readonly string[]).includes(format);
}

/** A context-window error counts as a wrong call, as upstream's wrapper returned None. */
function isContextLimit(error: unknown): boolean {
  if (!CodeActError.isInstance(error)) return false;
  const status = error instanceof ModelCallError ? (error as { statusCode?: number }).statusCode : undefined;
  return (
    /context|maximum.*tokens|too long/i.test(error.message) &&
    (status === undefined || status === 400 || status === 413)
  );
}

export type RunApiBankEpisodeOptions = EpisodeOptions<ApiBankTask> & {
  /** Data to use instead of the shipped copy. */
  readonly data?: ApiBankData | undefined;
};

/**
 * One API-Bank instance (spec §4): the system prompt and history as chat messages, one model call
 * (512 tokens, no temperature, as upstream), the first bracketed call parsed as the format says, run
 * against fresh databases (code: Python through the tool bridge; JSON and text: the same APIs
 * dispatched directly), then the API's own checker against the ground truth.
 */
export async function runApiBankEpisode(options: RunApiBankEpisodeOptions): Promise<EpisodeResult> {
  const { task, format, model, abortSignal } = options;
  if (!isApiBankFormat(format)) throw new TypeError(`API-Bank has no format ${format}.`);
  const data = options.data ?? loadApiBankData();
  const instance = data.instances.find((candidate) => candidate.instanceId === task.id);
  if (!instance) throw new TypeError(`No API-Bank instance ${task.id}.`);
  const fixed = options.suiteOptions.fixed === true;
  const actionMode = actionModeOf[format];
  const episode = new ApiBankEpisode({ data, instance, format: actionMode, mode: fixed ? 'fixed' : 'faithful' });
  const messages = buildApiBankMessages(episode.instance, actionMode, data, { fixed });
  const systemPrompt = messages[0]?.content ?? '';
  const isCode = format === 'code';
  const started = performance.now();
  let trajectory: Trajectory;
  let verdict: ApiBankVerdict;
  try {
    const result = await runAgent({
      model,
      executor: isCode ? await options.executor() : createApiCallExecutor(),
      ...(isCode ? { tools: createApiBankTools(episode, data) } : {}),
      messages,
      actionFormat: apiBankActionFormat(episode, systemPrompt),
      maxTurns: 1,
      maxOutputTokens: 512,
      maxConsecutiveInvalid: Number.POSITIVE_INFINITY,
      stuckRepeats: Number.POSITIVE_INFINITY,
      handleToolCall: (action) => {
        // The parsed call itself, so Python types (1.0 vs 1) survive; the action's args are its JSON form.
        const read = episode.lastCall();
        const sameCall = read?.apiName.type === 'str' && read.apiName.value === action.toolName;
        const params = sameCall ? read.params : fromJsonValue(action.args[0] ?? {});
        const outcome = episode.execute(action.toolName, params.type === 'dict' ? params : new PyDict());
        if (outcome.type === 'error') return `Error: ${outcome.error}`;
        const exception = outcome.result.get('exception');
        return exception?.type === 'str'
          ? `Error: ${exception.value}`
          : `Response: ${pythonStr(outcome.result.get('output') ?? pyNone)}`;
      },
      taskId: task.id,
      abortSignal,
      metadata: { suite: 'api-bank', format, fixed, apiName: instance.apiName },
    });
    if (result.status === 'aborted') throw abortSignal.reason ?? new Error('aborted');
    trajectory = result.trajectory;
    verdict = episode.verdict();
  } catch (error) {
    const partial = CodeActError.isInstance(error) ? (error.trajectory as Trajectory | undefined) : undefined;
    if (!partial || !isContextLimit(error)) throw error;
    trajectory = partial;
    verdict = { correct: false, stage: 'no-call', detail: 'context_limit' };
  }
  return {
    taskId: task.id,
    format,
    success: verdict.correct,
    turns: trajectory.steps.length,
    usage: trajectory.usage,
    endReason: verdict.correct ? 'correct' : verdict.detail === 'context_limit' ? 'context_limit' : verdict.stage,
    durationMs: performance.now() - started,
    trajectory,
    extra: {
      apiName: instance.apiName,
      fileLevel: instance.fileLevel,
      duplicateOf: instance.duplicateOf,
      stage: verdict.stage,
      detail: verdict.detail,
    },
  };
}
