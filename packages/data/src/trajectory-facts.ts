import type { ModelMessage, Trajectory } from '@codeact/core';

/**
 * The facts filters and statistics read from a trajectory. Recorded MINT runs carry their own
 * counters in `metadata.mint`; trajectories collected here are read from their steps and messages.
 */

/** The dataset a trajectory came from (`metadata.source`, else the task id's first segment). */
export function trajectorySource(trajectory: Trajectory): string {
  const source = trajectory.metadata?.source;
  if (typeof source === 'string' && source !== '') return source;
  return trajectory.taskId?.split('/')[0] || 'unknown';
}

/**
 * Whether the task was solved: `metadata.success` when the environment decided it (recorded runs,
 * environment-judged tasks), else an accepted answer that a checker marked correct.
 */
export function isSuccessful(trajectory: Trajectory): boolean {
  const success = trajectory.metadata?.success;
  if (typeof success === 'boolean') return success;
  return trajectory.outcome.status === 'answer' && trajectory.steps.at(-1)?.correct === true;
}

/** The messages after the task prompt (the first user message): the agent's turns and the environment's replies. */
export function interactionMessages(trajectory: Trajectory): ModelMessage[] {
  const first = trajectory.messages.findIndex((message) => message.role === 'user');
  return first === -1 ? [] : trajectory.messages.slice(first + 1);
}

/** Assistant turns (MINT's `n_turns`, `len(history) // 2`). */
export function turnCount(trajectory: Trajectory): number {
  return interactionMessages(trajectory).filter((message) => message.role === 'assistant').length;
}

type MintCounters = { invalid_action?: unknown };

/** Turns the environment could not parse as an action. */
export function invalidActionCount(trajectory: Trajectory): number {
  const recorded = (trajectory.metadata?.mint as { agentActionCount?: MintCounters } | undefined)?.agentActionCount;
  if (typeof recorded?.invalid_action === 'number') return recorded.invalid_action;
  return trajectory.steps.filter((step) => step.action.type === 'invalid' || step.action.type === 'message').length;
}

/** The spec's notion of an error observation: the case-sensitive substring `Error` (spec §2.3). */
export function isErrorObservation(text: string): boolean {
  return text.includes('Error');
}
