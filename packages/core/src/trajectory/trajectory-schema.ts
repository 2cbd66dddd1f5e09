import { z } from 'zod';
import { Action } from '../action/action.js';
import { Execution } from '../executor/execution.js';
import { ModelMessage } from '../model/model-message.js';

export const trajectorySchemaVersion = 1;

export const Usage = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() });
export type Usage = z.infer<typeof Usage>;

/** How a run ended. */
export const RunStatus = z.enum([
  /** Still going: a partial trajectory saved after a step (see `onStepEnd`). */
  'running',
  /** A final answer (`<solution>`) was given and accepted. */
  'answer',
  /** Chat mode: the agent replied to the user in plain text and waits for the next message. */
  'message',
  'max-turns',
  'time-limit',
  /** The same action failed the same way too many times. */
  'stuck',
  'aborted',
  /** A run-ending error (model call, executor); see `error`. */
  'error',
]);
export type RunStatus = z.infer<typeof RunStatus>;

export const TrajectoryStep = z.object({
  index: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  reply: z.object({
    /** The reply as kept in the conversation. */
    text: z.string(),
    /** The raw model output when it differs from `text` (cut or repaired). */
    raw: z.string().optional(),
    finishReason: z.string(),
    usage: Usage,
    durationMs: z.number(),
  }),
  action: Action,
  execution: Execution.optional(),
  /** The message fed back to the model after this step, if any. */
  observation: z.string().optional(),
  /** For answers checked by a benchmark: whether it was right. */
  correct: z.boolean().optional(),
  /** `aborted` when the run was stopped during this step (its reply or its action); absent when it completed. */
  outcome: z.literal('aborted').optional(),
});
export type TrajectoryStep = z.infer<typeof TrajectoryStep>;

/** A recorded run: everything needed to show, replay, score or train on it. Plain JSON. */
export const Trajectory = z.object({
  schemaVersion: z.literal(trajectorySchemaVersion),
  id: z.string(),
  createdAt: z.string(),
  /** Conversation or benchmark task this run belongs to. */
  taskId: z.string().optional(),
  conversationId: z.string().optional(),
  model: z.object({ provider: z.string(), modelId: z.string() }),
  executor: z.object({ executorId: z.string(), description: z.string() }),
  actionFormat: z.string(),
  /** The full conversation sent to the model, system prompt first, ending with the last reply or observation. */
  messages: z.array(ModelMessage),
  steps: z.array(TrajectoryStep),
  outcome: z.object({
    status: RunStatus,
    answer: z.string().optional(),
    reason: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  usage: Usage,
  durationMs: z.number(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Trajectory = z.infer<typeof Trajectory>;
