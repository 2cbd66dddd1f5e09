import type { AgentEvent, Conversation, Trajectory, Usage } from '@codeact/core';
import type { StepRef } from './conversations/replay-plan.js';
import type { WorkDirFile } from './security/work-dir-files.js';

export type { StepRef } from './conversations/replay-plan.js';
export type { WorkDirFile } from './security/work-dir-files.js';

/** A model the server offers; clients can only pick from this list. */
export type ModelInfo = { readonly id: string; readonly label: string };

/** An interpreter the server offers, and whether it can start here. */
export type InterpreterInfo = {
  readonly id: string;
  readonly label: string;
  readonly available: boolean;
  /** Why it was chosen or why it is unavailable, e.g. `CPython 3.11 under bubblewrap`. */
  readonly description: string;
};

/**
 * The conversation's interpreter. `idle`: not running (never started, reaped or from before a
 * restart); the next message starts it and first re-runs `pendingReplay` earlier actions.
 */
export type InterpreterStatus = {
  readonly state: 'idle' | 'restoring' | 'running';
  /** Earlier actions re-run (in this server's life) to rebuild the state. */
  readonly replayed: readonly StepRef[];
  /** Successful earlier actions that the next start would re-run. */
  readonly pendingReplay: number;
  /** Set when the last rebuild could not restore everything: state from `at` on is gone. */
  readonly lost?: { readonly reason: string; readonly at?: StepRef };
  readonly description?: string;
};

export type UploadNote = { readonly name: string; readonly size: number };

/** Usage and cost added up over a conversation's runs. */
export type ConversationTotals = {
  readonly turns: number;
  readonly usage: Usage;
  /** Present when the provider reports cost. */
  readonly costUsd?: number;
};

export type ConversationSummary = Omit<Conversation, 'metadata' | 'owner'> & {
  readonly totals: ConversationTotals;
  readonly running: boolean;
};

/** One finished run, as shown: the trajectory without the (repeated) message list. */
export type TurnView = {
  readonly runId: string;
  /** What the user typed (the model also saw notes about uploads or a lost interpreter). */
  readonly prompt: string;
  readonly uploads: readonly UploadNote[];
  readonly costUsd?: number;
  readonly trajectory: Omit<Trajectory, 'messages'>;
};

export type ActiveTurn = { readonly turnId: string; readonly prompt: string; readonly startedAt: string };

export type ConversationDetail = {
  readonly conversation: ConversationSummary;
  readonly turns: readonly TurnView[];
  readonly activeTurn: ActiveTurn | null;
  readonly interpreter: InterpreterStatus;
  readonly files: readonly WorkDirFile[];
  readonly pendingUploads: readonly UploadNote[];
};

export type TurnEnd = {
  readonly turnId: string;
  readonly runId?: string;
  readonly status: string;
  readonly usage: Usage;
  readonly costUsd?: number;
  readonly error?: { readonly code: string; readonly message: string };
};

/**
 * What the conversation event stream carries. `agent` events are the core `AgentEvent` union,
 * unchanged; the others are the server's own.
 */
export type ServerEvent =
  | {
      readonly event: 'hello';
      readonly data: { readonly activeTurn: ActiveTurn | null; readonly interpreter: InterpreterStatus };
    }
  | { readonly event: 'turn-start'; readonly data: ActiveTurn }
  | { readonly event: 'agent'; readonly data: AgentEvent }
  | { readonly event: 'interpreter'; readonly data: InterpreterStatus }
  | { readonly event: 'turn-end'; readonly data: TurnEnd }
  | {
      readonly event: 'files';
      readonly data: { readonly files: readonly WorkDirFile[]; readonly pendingUploads: readonly UploadNote[] };
    };

export type ServerEventName = ServerEvent['event'];
