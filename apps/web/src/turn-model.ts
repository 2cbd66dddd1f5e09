import type { Action, AgentEvent, Execution, OutputChunk, RunStatus, Usage } from '@codeact/core';
import type { TurnEnd, TurnView, UploadNote } from '@codeact/server';

/** One model step as shown: the streamed reply, then its action and what running it produced. */
export type StepModel = {
  readonly index: number;
  /** The reply text so far (streamed), then as kept. */
  readonly text: string;
  readonly replied: boolean;
  readonly action?: Action;
  readonly executing: boolean;
  /** Output of the running action so far, one entry per run of a stream; replaced by `execution` at the end. */
  readonly liveOutput?: readonly OutputChunk[];
  readonly execution?: Execution;
};

/** A user message and the agent's run that answered it, live or from the store. */
export type TurnModel = {
  readonly key: string;
  readonly runId?: string;
  readonly prompt: string;
  readonly uploads: readonly UploadNote[];
  readonly steps: readonly StepModel[];
  readonly live: boolean;
  readonly status?: RunStatus | 'error' | 'aborted';
  /** The final answer or chat message. */
  readonly answer?: string;
  readonly reason?: string;
  readonly error?: { readonly code: string; readonly message: string };
  readonly usage?: Usage;
  readonly costUsd?: number;
  /** Tool calls of the live turn waiting for the user's approval. */
  readonly approvals?: readonly ApprovalRequest[];
};

/** A tool call waiting for the user to allow or deny it. */
export type ApprovalRequest = { readonly callId: string; readonly toolName: string; readonly args: unknown };

export function turnFromView(view: TurnView): TurnModel {
  const { trajectory } = view;
  return {
    key: view.runId,
    runId: view.runId,
    prompt: view.prompt,
    uploads: view.uploads,
    live: false,
    steps: trajectory.steps.map((step) => ({
      index: step.index,
      text: step.reply.text,
      replied: true,
      action: step.action,
      executing: false,
      ...(step.execution ? { execution: step.execution } : {}),
    })),
    status: trajectory.outcome.status,
    ...(trajectory.outcome.answer === undefined ? {} : { answer: trajectory.outcome.answer }),
    ...(trajectory.outcome.reason === undefined ? {} : { reason: trajectory.outcome.reason }),
    ...(trajectory.outcome.error === undefined ? {} : { error: trajectory.outcome.error }),
    usage: trajectory.usage,
    ...(view.costUsd === undefined ? {} : { costUsd: view.costUsd }),
  };
}

export function startLiveTurn(turnId: string, prompt: string): TurnModel {
  return { key: turnId, prompt, uploads: [], steps: [], live: true };
}

function updateStep(turn: TurnModel, index: number, update: (step: StepModel) => StepModel): TurnModel {
  const exists = turn.steps.some((step) => step.index === index);
  const steps = exists
    ? turn.steps.map((step) => (step.index === index ? update(step) : step))
    : [...turn.steps, update({ index, text: '', replied: false, executing: false })];
  return { ...turn, steps };
}

function appendOutput(output: readonly OutputChunk[], chunk: OutputChunk): OutputChunk[] {
  const last = output.at(-1);
  if (last?.stream !== chunk.stream) return [...output, chunk];
  return [...output.slice(0, -1), { stream: last.stream, text: last.text + chunk.text }];
}

/** Folds one streamed `AgentEvent` into the live turn. */
export function applyAgentEvent(turn: TurnModel, event: AgentEvent): TurnModel {
  switch (event.type) {
    case 'run-start':
      return { ...turn, runId: event.runId };
    case 'user-message':
      return turn;
    case 'step-start':
      return updateStep(turn, event.step, (step) => step);
    case 'text-delta':
      return updateStep(turn, event.step, (step) => ({ ...step, text: step.text + event.text }));
    case 'reply-end':
      return updateStep(turn, event.step, (step) => ({ ...step, text: event.text, replied: true }));
    case 'action':
      return updateStep(turn, event.step, (step) => ({ ...step, action: event.action }));
    case 'execution-start':
      return updateStep(turn, event.step, (step) => ({ ...step, executing: true }));
    case 'execution-output':
      return updateStep(turn, event.step, (step) => ({
        ...step,
        liveOutput: appendOutput(step.liveOutput ?? [], { stream: event.stream, text: event.text }),
      }));
    case 'execution-end':
      return updateStep(turn, event.step, ({ liveOutput: _, ...step }) => ({
        ...step,
        executing: false,
        execution: event.execution,
      }));
    case 'tool-approval-request':
      return {
        ...turn,
        approvals: [...(turn.approvals ?? []), { callId: event.callId, toolName: event.toolName, args: event.args }],
      };
    case 'tool-approval-response':
      return { ...turn, approvals: (turn.approvals ?? []).filter((request) => request.callId !== event.callId) };
    case 'observation':
    case 'step-end':
      return turn;
    case 'run-end':
      return {
        ...turn,
        status: event.status,
        ...(event.answer === undefined ? {} : { answer: event.answer }),
        ...(event.reason === undefined ? {} : { reason: event.reason }),
        ...(event.error === undefined ? {} : { error: event.error }),
        usage: event.usage,
      };
    default:
      return event satisfies never;
  }
}

/** Marks the live turn finished with what the server reported. */
export function endLiveTurn(turn: TurnModel, end: TurnEnd): TurnModel {
  return {
    ...turn,
    live: false,
    approvals: [],
    status: (turn.status ?? end.status) as NonNullable<TurnModel['status']>,
    usage: end.usage,
    ...(end.costUsd === undefined ? {} : { costUsd: end.costUsd }),
    ...(end.error && !turn.error ? { error: end.error } : {}),
  };
}

/** How many executed code cells a turn has: cells are numbered through the whole conversation. */
export function executedCells(turn: TurnModel): number {
  return turn.steps.filter((step) => step.action?.type === 'code' && (step.execution || step.executing)).length;
}
