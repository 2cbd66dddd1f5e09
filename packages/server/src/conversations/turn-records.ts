import { randomUUID } from 'node:crypto';
import { type Conversation, type ConversationMessage, type Trajectory, trajectorySchemaVersion } from '@codeact/core';
import type { Turn } from './live-conversation.js';

/**
 * The record of a turn that ended before its run started (stopped while the interpreter was being
 * rebuilt, model or interpreter unavailable), so the user's message is not lost.
 */
export function failedTurnRecord(
  conversation: Conversation,
  turn: Turn,
  status: 'aborted' | 'error',
  error: { code: string; message: string },
  durationMs: number,
): Trajectory {
  const colon = conversation.model.indexOf(':');
  return {
    schemaVersion: trajectorySchemaVersion,
    id: randomUUID(),
    createdAt: turn.startedAt,
    conversationId: conversation.id,
    model: {
      provider: colon === -1 ? conversation.model : conversation.model.slice(0, colon),
      modelId: colon === -1 ? conversation.model : conversation.model.slice(colon + 1),
    },
    executor: { executorId: conversation.interpreter, description: 'not started' },
    actionFormat: 'code',
    messages: [{ role: 'user', content: turn.prompt }],
    steps: [],
    outcome: {
      status,
      reason: status === 'aborted' ? 'stopped before the run started' : error.message,
      ...(status === 'error' ? { error } : {}),
    },
    usage: { inputTokens: 0, outputTokens: 0 },
    durationMs,
    metadata: { turnId: turn.turnId, prompt: turn.prompt, uploads: [] },
  };
}

/** The messages a run added after the `previous` ones, labelled for the UI. */
export function describeNewMessages(trajectory: Trajectory, previous: number) {
  let sawPrompt = false;
  return trajectory.messages.slice(previous).map((message) => {
    let kind: string;
    if (message.role === 'system') kind = 'system';
    else if (message.role === 'assistant') kind = 'reply';
    else if (!sawPrompt) {
      sawPrompt = true;
      kind = 'prompt';
    } else kind = 'observation';
    return { role: message.role, content: message.content, runId: trajectory.id, metadata: { kind } };
  }) satisfies { role: ConversationMessage['role'] }[];
}

/** A conversation title from the first line of its first prompt. */
export function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
