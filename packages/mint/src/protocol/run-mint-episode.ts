import { randomUUID } from 'node:crypto';
import {
  type AgentEvent,
  CodeActError,
  ConfigurationError,
  createToolHost,
  type Execution,
  type Executor,
  type ExecutorSession,
  type LanguageModel,
  ModelCallError,
  type ModelMessage,
  type Tool,
  type Trajectory,
  type TrajectoryStep,
  trajectorySchemaVersion,
} from '@codeact/core';
import { CheckerError } from '../checkers/checker-error.js';
import type { GradingRule } from '../checkers/grading-rule.js';
import type { MintEpisodeFamily, MintTask } from '../families/mint-task-family.js';
import { pyRstrip } from '../python/python-string.js';
import { renderMintPrompt } from '../render-mint-prompt.js';
import { callMintModel } from './call-mint-model.js';
import {
  formatMintExecution,
  observationOfMintMessage,
  renderMintEnvironmentMessage,
  storeMintReply,
} from './format-mint-observation.js';
import {
  type MintReply,
  mintCoreAction,
  mintInvalidInputMessage,
  mintStopSequences,
  parseMintReply,
} from './parse-mint-reply.js';

/**
 * Tools served from a recording instead of live (a replay of a run whose `wikipedia_search` we
 * cannot reach offline). They replace the task's tools of the same name; the prompt is unchanged.
 */
export type MintToolReplay = {
  readonly tools: readonly Tool[];
  /** Calls to `tools` since the last call: answered from the recording, or not found in it. */
  takeCalls(): { readonly served: number; readonly missing: number };
  /** The environment message recorded after turn `turn` (0-based), if the recording has one. */
  recordedMessage(turn: number): string | undefined;
};

export type MintEpisodeOptions = {
  readonly model: LanguageModel;
  readonly executor: Executor;
  /** A `MintTaskFamily`, or any source of the prompt pieces and environment (data collection). */
  readonly family: MintEpisodeFamily;
  readonly task: MintTask;
  /** k: turns per episode, every kind counted. Default 5. */
  readonly maxSteps?: number | undefined;
  /** p: proposals per episode. Default 2 (1 when k = 1). */
  readonly maxProposals?: number | undefined;
  /** Per code action. Default 30 s. */
  readonly actionTimeoutMs?: number | undefined;
  /** Default 0. */
  readonly temperature?: number | undefined;
  /** Default 512. */
  readonly maxOutputTokens?: number | undefined;
  /**
   * Send an empty system message before the conversation, as code-act's vLLM evaluation of
   * CodeActAgent did. Default false: no system message (MINT with OpenAI models, mint-bench HEAD).
   */
  readonly emptySystemMessage?: boolean | undefined;
  readonly rule?: GradingRule | undefined;
  readonly toolReplay?: MintToolReplay | undefined;
  /**
   * `recorded`: do not run code actions; serve each one's observation from `toolReplay`'s recording.
   * For checking checkers and protocol against a recorded run quickly. Default `interpreter`.
   */
  readonly observations?: 'interpreter' | 'recorded' | undefined;
  /** Merged into the trajectory's `metadata` (beside `mint`). */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly onEvent?: ((event: AgentEvent) => void) | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  readonly generateId?: (() => string) | undefined;
  readonly now?: (() => Date) | undefined;
};

export type MintTerminateReason = 'task_success' | 'max_steps' | 'max_propose_steps' | 'error';

/** MINT's `agent_action_count`. */
export type MintActionCount = { propose_solution: number; use_tool: number; invalid_action: number };

/** One turn as MINT saw it. */
export type MintStep = {
  readonly turn: number;
  /** The reply (right-stripped, as MINT's vLLM agent does). */
  readonly reply: string;
  readonly parsed: MintReply;
  readonly execution?: Execution | undefined;
  /** MINT's observation: output, invalid-input text or checker traceback; `undefined` after a checked proposal. */
  readonly observation: string | undefined;
  /** The environment message added after the turn; absent when the episode ended with it. */
  readonly message: string | undefined;
  readonly correct?: boolean | undefined;
  /**
   * `interpreter`: our interpreter produced it; `recorded-tool`: it ran with tool results served from
   * the recording; `recording`: a tool call had no recorded result, so the recorded observation was used.
   */
  readonly observationSource: 'interpreter' | 'recorded-tool' | 'recording';
};

export type MintEpisodeResult = {
  readonly taskId: string;
  readonly success: boolean;
  readonly terminateReason: MintTerminateReason;
  /** MINT's `state.history`: the first prompt, `Assistant:\n…` turns and environment messages. */
  readonly history: readonly ModelMessage[];
  readonly actionCount: Readonly<MintActionCount>;
  readonly steps: readonly MintStep[];
  readonly trajectory: Trajectory;
  /** The model error that ended the episode (`terminateReason: 'error'`). */
  readonly error?: string | undefined;
};

/**
 * Model failures MINT scores as a failed episode (a context-length error, a recorded model error);
 * others (rate limits, authentication, an exhausted replay) end the run so it can be retried.
 */
function endsEpisode(error: unknown): boolean {
  if (!(error instanceof ModelCallError) && !(CodeActError.isInstance(error) && error.code === 'MODEL_CALL')) {
    return false;
  }
  const { isRetryable, statusCode } = error as ModelCallError;
  return !isRetryable && (statusCode === undefined || statusCode === 400 || statusCode === 413);
}

/**
 * Runs one MINT episode exactly as MINT's `GeneralEnv` does (spec §1.1–1.5).
 *
 * A runner of its own rather than core's `streamAgent`, because MINT's rules do not fit the generic
 * loop: an empty reply is not stored yet counts as an invalid action; a `<solution>` that cannot be
 * parsed uses up a proposal and can end the episode; every environment message carries a count-down
 * over all kinds of turns; several `<execute>` blocks run as one cell instead of cutting at the first;
 * an interpreter failure costs no step; a context-length error ends the episode as a failure; and
 * ALFWorld-style environments end it after a code action. It reuses core's model, executor, tool host,
 * event vocabulary and trajectory schema, so episodes stream and store like any other run.
 */
export async function runMintEpisode(options: MintEpisodeOptions): Promise<MintEpisodeResult> {
  const { family, task, model, executor } = options;
  const k = options.maxSteps ?? 5;
  const p = options.maxProposals ?? (k === 1 ? 1 : 2);
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? randomUUID;
  const emit = options.onEvent ?? (() => {});
  const abortSignal = options.abortSignal ?? new AbortController().signal;
  const rule = options.rule ?? 'recorded';

  const environment = family.createEnvironment(task, { executor, rule, abortSignal });
  const replacements = new Map((options.toolReplay?.tools ?? []).map((tool) => [tool.name, tool]));
  const tools = environment.tools.map((tool) => replacements.get(tool.name) ?? tool);
  const prompt = await renderMintPrompt({
    maxSteps: k,
    maxProposals: p,
    tools: environment.tools,
    inContextExample: await family.inContextExample(task),
    taskPrompt: family.taskPrompt(task),
  });

  const runId = generateId();
  const startedAt = now();
  const started = performance.now();
  const history: ModelMessage[] = [{ role: 'user', content: prompt }];
  const counts: MintActionCount = { propose_solution: 0, use_tool: 0, invalid_action: 0 };
  const usage = { inputTokens: 0, outputTokens: 0 };
  const steps: MintStep[] = [];
  const trajectorySteps: TrajectoryStep[] = [];
  let success = false;
  let terminateReason: MintTerminateReason | undefined;
  let error: string | undefined;
  let lastAnswer: string | undefined;
  let session: ExecutorSession | undefined;

  emit({
    type: 'run-start',
    runId,
    model: `${model.provider}:${model.modelId}`,
    executor: executor.executorId,
    startedAt: startedAt.toISOString(),
  });
  emit({ type: 'user-message', runId, text: prompt });

  try {
    for (let turn = 0; terminateReason === undefined; turn++) {
      abortSignal.throwIfAborted();
      const stepStartedAt = now();
      const stepStarted = performance.now();
      emit({ type: 'step-start', runId, step: turn });
      const messages: ModelMessage[] = options.emptySystemMessage
        ? [{ role: 'system', content: '' }, ...history]
        : [...history];
      let reply: Awaited<ReturnType<typeof callMintModel>>;
      try {
        reply = await callMintModel({
          model,
          messages,
          stopSequences: mintStopSequences,
          temperature: options.temperature ?? 0,
          maxOutputTokens: options.maxOutputTokens ?? 512,
          taskId: task.id,
          abortSignal,
          onDelta: (text) => emit({ type: 'text-delta', runId, step: turn, text }),
        });
      } catch (thrown) {
        if (abortSignal.aborted || !endsEpisode(thrown)) throw thrown;
        error = thrown instanceof Error ? thrown.message : String(thrown);
        terminateReason = 'error';
        emit({ type: 'step-end', runId, step: turn });
        break;
      }
      usage.inputTokens += reply.usage.inputTokens ?? 0;
      usage.outputTokens += reply.usage.outputTokens ?? 0;
      const text = pyRstrip(reply.text);
      if (text !== '') history.push({ role: 'assistant', content: storeMintReply(text) });
      const parsed = parseMintReply(text);
      const action = mintCoreAction(parsed);
      const replyUsage = { inputTokens: reply.usage.inputTokens ?? 0, outputTokens: reply.usage.outputTokens ?? 0 };
      emit({ type: 'reply-end', runId, step: turn, text, finishReason: reply.finishReason, usage: replyUsage });
      emit({ type: 'action', runId, step: turn, action });

      let observation: string | undefined;
      let execution: Execution | undefined;
      let correct: boolean | undefined;
      let observationSource: MintStep['observationSource'] = 'interpreter';
      switch (parsed.kind) {
        case 'code': {
          if (options.observations === 'recorded') {
            const recorded = options.toolReplay?.recordedMessage(turn);
            counts.use_tool += 1;
            observation = recorded === undefined ? '' : observationOfMintMessage(recorded);
            observationSource = 'recording';
            break;
          }
          if (!session) {
            const toolHost = tools.length > 0 ? createToolHost(tools) : undefined;
            session = await executor.createSession({ tools: toolHost, abortSignal });
            if (environment.setupCode) {
              const setup = await session.execute({ code: environment.setupCode, abortSignal });
              if (setup.error) {
                throw new ConfigurationError(
                  `The setup code of task ${task.id} failed: ${setup.error.name}: ${setup.error.message}`,
                );
              }
            }
          }
          emit({ type: 'execution-start', runId, step: turn, code: parsed.code });
          execution = await session.execute({
            code: parsed.code,
            timeoutMs: options.actionTimeoutMs ?? 30_000,
            abortSignal,
          });
          emit({ type: 'execution-end', runId, step: turn, execution });
          counts.use_tool += 1;
          observation = formatMintExecution(execution);
          const calls = options.toolReplay?.takeCalls();
          const recorded = options.toolReplay?.recordedMessage(turn);
          if (calls && calls.missing > 0 && recorded !== undefined) {
            observation = observationOfMintMessage(recorded);
            observationSource = 'recording';
          } else if (calls && calls.served > 0) {
            observationSource = 'recorded-tool';
          }
          if (environment.solved?.()) {
            success = true;
            terminateReason = 'task_success';
          }
          break;
        }
        case 'invalid-code':
          counts.invalid_action += 1;
          observation = mintInvalidInputMessage;
          break;
        case 'answer':
          counts.propose_solution += 1;
          lastAnswer = parsed.answer;
          try {
            correct = await environment.checkAnswer(parsed.answer);
          } catch (thrown) {
            if (abortSignal.aborted) throw thrown;
            correct = false;
            observation =
              thrown instanceof CheckerError
                ? thrown.toTraceback()
                : `Traceback (most recent call last):\n${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}\n`;
          }
          if (correct) {
            success = true;
            terminateReason = 'task_success';
          }
          break;
        case 'invalid-answer':
          counts.propose_solution += 1;
          observation = mintInvalidInputMessage;
          break;
      }

      const used = counts.propose_solution + counts.use_tool + counts.invalid_action;
      if (terminateReason === undefined) {
        if (counts.propose_solution >= p) terminateReason = 'max_propose_steps';
        else if (used >= k) terminateReason = 'max_steps';
      }
      let message: string | undefined;
      if (terminateReason === undefined) {
        message = renderMintEnvironmentMessage({
          observation,
          success,
          turnInfo: { stepsLeft: k - used, proposalsLeft: p - counts.propose_solution },
        });
        history.push({ role: 'user', content: message });
        emit({ type: 'observation', runId, step: turn, text: message });
      }
      steps.push({ turn, reply: text, parsed, execution, observation, message, correct, observationSource });
      trajectorySteps.push({
        index: turn,
        startedAt: stepStartedAt.toISOString(),
        durationMs: performance.now() - stepStarted,
        reply: {
          text,
          ...(text === reply.text ? {} : { raw: reply.text }),
          finishReason: reply.finishReason,
          usage: replyUsage,
          durationMs: reply.durationMs,
        },
        action,
        ...(execution ? { execution } : {}),
        ...(message === undefined ? {} : { observation: message }),
        ...(correct === undefined ? {} : { correct }),
      });
      emit({ type: 'step-end', runId, step: turn });
    }
  } finally {
    await session?.close().catch(() => {});
    await environment.close?.();
  }

  const reason = terminateReason ?? 'error';
  const status = success ? 'answer' : reason === 'error' ? 'error' : 'max-turns';
  const trajectory: Trajectory = {
    schemaVersion: trajectorySchemaVersion,
    id: runId,
    createdAt: startedAt.toISOString(),
    taskId: task.id,
    model: { provider: model.provider, modelId: model.modelId },
    executor: { executorId: executor.executorId, description: executor.description },
    actionFormat: 'mint',
    messages: options.emptySystemMessage ? [{ role: 'system', content: '' }, ...history] : history,
    steps: trajectorySteps,
    outcome: {
      status,
      ...(success && lastAnswer !== undefined ? { answer: lastAnswer } : {}),
      reason,
      ...(error === undefined ? {} : { error: { code: 'MODEL_CALL', message: error } }),
    },
    usage,
    durationMs: performance.now() - started,
    metadata: {
      ...options.metadata,
      mint: {
        family: family.name,
        upstreamId: task.upstreamId,
        success,
        terminateReason: reason,
        actionCount: { ...counts },
        maxSteps: k,
        maxProposals: p,
        rule,
        observationSources: steps.map((step) => step.observationSource),
      },
    },
  };
  emit({
    type: 'run-end',
    runId,
    status,
    ...(success && lastAnswer !== undefined ? { answer: lastAnswer } : {}),
    reason,
    ...(error === undefined ? {} : { error: { code: 'MODEL_CALL', message: error } }),
    usage,
    trajectory,
  });
  return {
    taskId: task.id,
    success,
    terminateReason: reason,
    history,
    actionCount: counts,
    steps,
    trajectory,
    ...(error === undefined ? {} : { error }),
  };
}
