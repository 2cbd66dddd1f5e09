import { type Conversation, type InstalledPackage, parseSiteManifest, type Trajectory } from '@codeact/core';
import type {
  ActiveTurn,
  ConversationSummary,
  ConversationTotals,
  InterpreterStatus,
  TurnEnd,
  TurnView,
  UploadNote,
} from '../server-types.js';
import type { LiveConversation, Turn } from './live-conversation.js';
import type { ReplayPlan } from './replay-plan.js';

/** What the server keeps in a conversation's store metadata. */
export type ConversationMetadata = {
  totals: ConversationTotals;
  pendingUploads: UploadNote[];
  /** The packages installed in the conversation (its site dir's record, copied after each turn). */
  packages: InstalledPackage[];
};

export const zeroTotals: ConversationTotals = { turns: 0, usage: { inputTokens: 0, outputTokens: 0 } };

export function readMetadata(conversation: Conversation): ConversationMetadata {
  const metadata = conversation.metadata as {
    totals?: ConversationTotals;
    pendingUploads?: UploadNote[];
    packages?: unknown;
  };
  return {
    totals: metadata.totals ?? zeroTotals,
    pendingUploads: metadata.pendingUploads ?? [],
    packages: parseSiteManifest(JSON.stringify(metadata.packages ?? [])),
  };
}

/** A conversation as listed to its owner: no owner, no raw metadata. */
export function summarizeConversation(conversation: Conversation, running: boolean): ConversationSummary {
  const { metadata: _metadata, owner: _owner, ...rest } = conversation;
  return { ...rest, totals: readMetadata(conversation).totals, running };
}

export function publicTurn(turn: Turn): ActiveTurn {
  return { turnId: turn.turnId, prompt: turn.prompt, startedAt: turn.startedAt };
}

/** The interpreter's state; `plan` (when given) counts the actions a start would replay. */
export function interpreterStatus(
  live: LiveConversation | undefined,
  plan: (() => ReplayPlan) | undefined,
): InterpreterStatus {
  const state = live?.restoring ? 'restoring' : live?.session ? 'running' : 'idle';
  const pendingReplay = state === 'idle' && plan ? plan().steps.length : 0;
  return {
    state,
    replayed: [...(live?.interpreter.replayed ?? [])],
    pendingReplay,
    ...(live?.interpreter.lost ? { lost: live.interpreter.lost } : {}),
    ...(live?.interpreter.description ? { description: live.interpreter.description } : {}),
  };
}

export function toTurnView(trajectory: Trajectory): TurnView {
  const { messages, ...rest } = trajectory;
  const metadata = (trajectory.metadata ?? {}) as { prompt?: unknown; uploads?: unknown; costUsd?: unknown };
  const firstUser = messages.find((message) => message.role === 'user');
  return {
    runId: trajectory.id,
    prompt: typeof metadata.prompt === 'string' ? metadata.prompt : (firstUser?.content ?? ''),
    uploads: Array.isArray(metadata.uploads) ? (metadata.uploads as UploadNote[]) : [],
    ...(typeof metadata.costUsd === 'number' ? { costUsd: metadata.costUsd } : {}),
    trajectory: rest,
  };
}

/** The `turn-end` sent to subscribers of a conversation being deleted. */
export const deletedTurnEnd: TurnEnd = {
  turnId: '',
  status: 'deleted',
  usage: { inputTokens: 0, outputTokens: 0 },
  error: { code: 'DELETED', message: 'the conversation was deleted' },
};
