import type { Action } from '../action/action.js';
import type { ActionFormat } from '../action/action-format.js';
import type { Execution } from '../executor/execution.js';
import type { Executor, ExecutorSession } from '../executor/executor.js';
import type { LanguageModel } from '../model/language-model.js';
import type { ModelMessage } from '../model/model-message.js';
import type { RenderObservationOptions } from '../prompt/render-observation.js';
import type { Tool } from '../tool/define-tool.js';
import type { ToolApprover } from '../tool/tool-approval.js';
import type { ToolCallBudget, ToolCallScope } from '../tool/tool-call-scope.js';
import type { ToolHost } from '../tool/tool-host.js';
import type { Trajectory } from '../trajectory/trajectory-schema.js';

/** What an answer check decided. */
export type AnswerVerdict = {
  readonly correct: boolean;
  /** Sent to the model when the answer is wrong and the run goes on. */
  readonly feedback?: string;
  /** End the run even though the answer is wrong (e.g. a proposal budget is used up). */
  readonly stop?: boolean;
};

export type StepContext = {
  /** 0-based index of the step. */
  readonly step: number;
  readonly maxTurns: number;
  readonly abortSignal: AbortSignal;
  /** Approver and budgets for this step's tool calls (pass it to `ToolHost.call`). */
  readonly toolScope: ToolCallScope;
};

export type AgentOptions = {
  readonly model: LanguageModel;
  /** Creates the session for this run (closed at the end). Give `session` instead to reuse one. */
  readonly executor?: Executor | undefined;
  /** An open session to run in (chat); it stays open after the run. */
  readonly session?: ExecutorSession | undefined;
  /** Tools callable from Python; listed in the system prompt. With `session`, already installed. */
  readonly tools?: readonly Tool[] | undefined;
  /**
   * Decides calls of tools marked `needsApproval` (see `createApprovalPolicy`). Without it they are
   * denied and raise `PermissionError` in Python. Each decision is also emitted as events.
   */
  readonly approveToolCall?: ToolApprover | undefined;
  /**
   * Known secrets (API keys, tokens, passwords) replaced by `[REDACTED]` in tool errors,
   * observations, events and the trajectory; those of the environment (`secretsFromEnvironment`)
   * are always included.
   */
  readonly secrets?: readonly string[] | undefined;
  /** Tool calls allowed per action and per run (defaults: the tool host's, 1,000 and 10,000). */
  readonly toolCallBudget?: ToolCallBudget | undefined;
  /** Host directory for the session created from `executor` (its working directory). */
  readonly workDir?: string | undefined;
  /** A prepared tool host for `executor` (overrides `tools` for the session). */
  readonly toolHost?: ToolHost | undefined;
  /** The user's message for this run. */
  readonly prompt?: string | undefined;
  /** Earlier conversation to continue (chat). When given, no system prompt is added. */
  readonly messages?: readonly ModelMessage[] | undefined;
  /** System prompt; defaults to the action format's instructions. `false` sends none. */
  readonly system?: string | false | undefined;
  readonly actionFormat?: ActionFormat | undefined;
  /** `task`: a reply with no action gets corrective feedback. `chat`: it is a message to the user. */
  readonly mode?: 'task' | 'chat' | undefined;
  /** Model calls per run. Default 10. */
  readonly maxTurns?: number | undefined;
  readonly maxOutputTokens?: number | undefined;
  readonly temperature?: number | undefined;
  /**
   * Longest reply read, in characters (default 256 KiB): the stream is closed there and the model is
   * told its reply was cut.
   */
  readonly maxReplyChars?: number | undefined;
  /** Extra stop sequences on top of the action format's. */
  readonly stopSequences?: readonly string[] | undefined;
  /** Wall-clock limit per action. Default: the executor's (30 s). */
  readonly actionTimeoutMs?: number | undefined;
  /** Wall-clock limit for the whole run. */
  readonly timeLimitMs?: number | undefined;
  /** Consecutive invalid replies before the run ends as stuck. Default 3. */
  readonly maxConsecutiveInvalid?: number | undefined;
  /** Same code failing with the same error this many times in a row: redirect once, then end. Default 3. */
  readonly stuckRepeats?: number | undefined;
  readonly observation?:
    | (RenderObservationOptions & {
        /** Replaces the default rendering entirely. */
        readonly render?: (execution: Execution, context: StepContext) => string;
      })
    | undefined;
  /** Checks a final answer; without it any answer ends the run. */
  readonly checkAnswer?: ((answer: string, context: StepContext) => AnswerVerdict | Promise<AnswerVerdict>) | undefined;
  /** Handles `tool-call` actions (JSON and text formats); returns the observation. */
  readonly handleToolCall?:
    | ((action: Extract<Action, { type: 'tool-call' }>, context: StepContext) => string | Promise<string>)
    | undefined;
  /** Feedback for a reply with no action in task mode. */
  readonly noActionFeedback?: string | undefined;
  /** Transforms each reply before it is stored in the conversation (MINT prefixes `Assistant:\n`). */
  readonly storeReply?: ((text: string) => string) | undefined;
  /**
   * Called after every step with the trajectory so far (status `running`); awaited, so a store can
   * make each step durable before the next model call. Observes only.
   */
  readonly onStepEnd?: ((trajectory: Trajectory) => void | Promise<void>) | undefined;
  /** Benchmark task id, passed to the model call (scripted and replayed models use it). */
  readonly taskId?: string | undefined;
  readonly conversationId?: string | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /** Injected for deterministic tests. */
  readonly generateId?: (() => string) | undefined;
  readonly now?: (() => Date) | undefined;
};
