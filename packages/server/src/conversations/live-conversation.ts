import type { ExecutorSession } from '@codeact/core';
import type { ActiveTurn, ServerEvent } from '../server-types.js';
import type { StepRef } from './replay-plan.js';
import { ToolApprovals } from './tool-approvals.js';

/** An event as delivered to subscribers, numbered per conversation (the SSE `id`). */
export type SequencedEvent = ServerEvent & { readonly seq: number };

/** The turn in flight: its public view, the controller that stops it, and its completion. */
export type Turn = ActiveTurn & { readonly controller: AbortController; done: Promise<void> };

/** What the server holds in memory for a conversation: its interpreter, turn and event buffer. */
export type LiveConversation = {
  readonly id: string;
  readonly owner: string;
  session: ExecutorSession | undefined;
  interpreter: { replayed: StepRef[]; lost?: { reason: string; at?: StepRef }; description?: string };
  restoring: boolean;
  turn: Turn | undefined;
  buffer: SequencedEvent[];
  seq: number;
  readonly listeners: Set<(event: SequencedEvent) => void>;
  lastUsedMs: number;
  /** Tool calls waiting for the user's approval, and tools allowed for the rest of the conversation. */
  readonly approvals: ToolApprovals;
};

export function createLiveConversation(id: string, owner: string): LiveConversation {
  return {
    id,
    owner,
    session: undefined,
    interpreter: { replayed: [] },
    restoring: false,
    turn: undefined,
    buffer: [],
    seq: 0,
    listeners: new Set(),
    lastUsedMs: Date.now(),
    approvals: new ToolApprovals(),
  };
}

/** Numbers an event, keeps it for late subscribers (file lists excepted) and hands it to every listener. */
export function publishEvent(live: LiveConversation, event: ServerEvent, maxBufferedEvents: number): void {
  const sequenced = { ...event, seq: ++live.seq } as SequencedEvent;
  if (event.event !== 'files') {
    live.buffer.push(sequenced);
    // Trimmed in batches of a quarter: trimming one event per event would copy the buffer every time.
    if (live.buffer.length > maxBufferedEvents + Math.ceil(maxBufferedEvents / 4)) {
      live.buffer.splice(0, live.buffer.length - maxBufferedEvents);
    }
  }
  for (const listener of live.listeners) listener(sequenced);
}

/**
 * The buffered events a new subscriber gets: those after `afterSeq`, or else those of the turn in
 * flight (with `includeLastTurn`, of the last turn even when it has ended).
 */
export function eventBacklog(
  live: LiveConversation,
  options: { afterSeq?: number | undefined; includeLastTurn?: boolean | undefined },
): SequencedEvent[] {
  const { afterSeq } = options;
  if (afterSeq !== undefined) return live.buffer.filter((event) => event.seq > afterSeq);
  if (live.turn || options.includeLastTurn) return [...live.buffer];
  return [];
}
