import {
  type ActionFormat,
  codeActFormat,
  describeTools,
  type ExecutorSession,
  invalidInputFeedback,
  type LanguageModel,
  streamAgent,
  type Tool,
  type Trajectory,
} from '@codeact/core';
import type { AnswerChecker } from '../checkers/answer-checker.js';
import { defaultExampleFor, mintExecutionOutput, mintObservation, renderMintPrompt } from '../mint/mint-prompt.js';
import type { TaskRecord } from '../task/task-record.js';

export type MintEpisodeOptions = {
  readonly task: TaskRecord;
  readonly model: LanguageModel;
  /** The episode's interpreter, already holding the task's tools; `task.setup` is run in it first. */
  readonly session: ExecutorSession;
  readonly tools: readonly Tool[];
  readonly checker: AnswerChecker;
  /** A fresh session for checkers that run code. */
  readonly createCheckSession: () => Promise<ExecutorSession>;
  /** k. */
  readonly maxTurns: number;
  /** p. */
  readonly maxProposals: number;
  /** The trajectory id (deterministic, so a resumed collection can tell what is done). */
  readonly trajectoryId: string;
  readonly metadata: Record<string, unknown>;
  readonly temperature?: number | undefined;
  readonly maxOutputTokens?: number | undefined;
  readonly actionTimeoutMs?: number | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  readonly now?: (() => Date) | undefined;
};

/**
 * Runs one task under the MINT protocol used to generate CodeActInstruct (spec §1): one user prompt
 * with instructions, tools and the in-context example; replies stored as `Assistant:\n…\n`; every
 * kind of turn spends the budget k; at most p proposals; `Observation:` replies with MINT's count-down.
 * Resolves with the trajectory and whether the task was solved.
 */
export async function runMintEpisode(
  options: MintEpisodeOptions,
): Promise<{ trajectory: Trajectory; success: boolean }> {
  const { task, maxTurns, maxProposals } = options;
  let turnsUsed = 0;
  let proposals = 0;
  let solved = false;
  const budget = () => ({ maxTurns, turnsUsed, maxProposals, proposals });

  const base = codeActFormat({ acceptMarkdownCode: false });
  const format: ActionFormat = {
    ...base,
    parse(reply, parseOptions) {
      turnsUsed += 1;
      const parsed = base.parse(reply, parseOptions);
      if (parsed.action.type === 'message' || parsed.action.type === 'invalid') {
        const reason = parsed.action.type === 'invalid' ? parsed.action.reason : 'neither <execute> nor <solution>';
        return {
          text: parsed.text,
          action: { type: 'invalid', reason, feedback: mintObservation(invalidInputFeedback, budget()) },
        };
      }
      return parsed;
    },
  };

  if (task.setup) {
    const setup = await options.session.execute({ code: task.setup, abortSignal: options.abortSignal });
    if (setup.error) throw new Error(`setup of task ${task.id} failed: ${setup.error.name}: ${setup.error.message}`);
  }

  const prompt = renderMintPrompt({
    task: task.prompt,
    toolDescription: describeTools(options.tools),
    example: task.example ?? defaultExampleFor(task.checker),
    maxTurns,
    maxProposals,
  });
  const stream = streamAgent({
    model: options.model,
    session: options.session,
    actionFormat: format,
    system: false,
    prompt,
    mode: 'task',
    maxTurns,
    maxConsecutiveInvalid: maxTurns,
    stuckRepeats: maxTurns + 1,
    storeReply: (text) => (text.trimStart().startsWith('Assistant:') ? `${text}\n` : `Assistant:\n${text}\n`),
    observation: {
      render: (execution) =>
        mintObservation(
          mintExecutionOutput([
            execution.stdout,
            execution.stderr,
            execution.result === undefined ? undefined : `Out[${execution.executionCount}]: ${execution.result}`,
            execution.error?.traceback,
          ]),
          budget(),
        ),
    },
    checkAnswer: async (answer, context) => {
      proposals += 1;
      const correct = await options.checker.check({
        task,
        answer,
        createSession: options.createCheckSession,
        abortSignal: context.abortSignal,
      });
      solved = correct;
      if (correct) return { correct };
      return { correct, stop: proposals >= maxProposals, feedback: mintObservation('', budget()) };
    },
    taskId: task.id,
    metadata: { ...options.metadata, success: false },
    generateId: () => options.trajectoryId,
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
    ...(options.actionTimeoutMs === undefined ? {} : { actionTimeoutMs: options.actionTimeoutMs }),
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  for await (const _event of stream) {
    // Events are not needed here; the trajectory has everything.
  }
  const result = await stream.result;
  const trajectory: Trajectory = { ...result.trajectory, metadata: { ...result.trajectory.metadata, success: solved } };
  return { trajectory, success: solved };
}
