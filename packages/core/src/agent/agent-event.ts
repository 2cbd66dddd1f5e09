import { z } from 'zod';
import { Action } from '../action/action.js';
import { Execution } from '../executor/execution.js';
import { RunStatus, Trajectory, Usage } from '../trajectory/trajectory-schema.js';

/**
 * The one event vocabulary, from the loop through `--json`, SSE and the web UI. Every event names
 * its run; step events name their step (0-based).
 */
export const AgentEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-start'),
    runId: z.string(),
    model: z.string(),
    executor: z.string(),
    startedAt: z.string(),
  }),
  z.object({ type: z.literal('user-message'), runId: z.string(), text: z.string() }),
  z.object({ type: z.literal('step-start'), runId: z.string(), step: z.number().int() }),
  z.object({ type: z.literal('text-delta'), runId: z.string(), step: z.number().int(), text: z.string() }),
  z.object({
    type: z.literal('reply-end'),
    runId: z.string(),
    step: z.number().int(),
    text: z.string(),
    finishReason: z.string(),
    usage: Usage,
  }),
  z.object({ type: z.literal('action'), runId: z.string(), step: z.number().int(), action: Action }),
  z.object({ type: z.literal('execution-start'), runId: z.string(), step: z.number().int(), code: z.string() }),
  /** Output of the running action as it is written (batched); the same text is in `execution-end`. */
  z.object({
    type: z.literal('execution-output'),
    runId: z.string(),
    step: z.number().int(),
    stream: z.enum(['stdout', 'stderr']),
    text: z.string(),
  }),
  z.object({
    type: z.literal('execution-end'),
    runId: z.string(),
    step: z.number().int(),
    execution: Execution,
  }),
  /** A tool marked `needsApproval` was called; the approver is being asked. */
  z.object({
    type: z.literal('tool-approval-request'),
    runId: z.string(),
    step: z.number().int(),
    callId: z.string(),
    toolName: z.string(),
    args: z.unknown(),
  }),
  z.object({
    type: z.literal('tool-approval-response'),
    runId: z.string(),
    step: z.number().int(),
    callId: z.string(),
    toolName: z.string(),
    decision: z.enum(['allow', 'deny']),
  }),
  /** The message the environment sends back to the model (observation or feedback). */
  z.object({ type: z.literal('observation'), runId: z.string(), step: z.number().int(), text: z.string() }),
  z.object({ type: z.literal('step-end'), runId: z.string(), step: z.number().int() }),
  z.object({
    type: z.literal('run-end'),
    runId: z.string(),
    status: RunStatus,
    answer: z.string().optional(),
    reason: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    usage: Usage,
    trajectory: Trajectory,
  }),
]);
export type AgentEvent = z.infer<typeof AgentEvent>;
export type AgentEventType = AgentEvent['type'];
