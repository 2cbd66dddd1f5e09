import { z } from 'zod';
import { ModelMessage } from '../model/model-message.js';
import type { Trajectory } from '../trajectory/trajectory-schema.js';

/** A chat conversation: its runs are trajectories with `conversationId` set; its messages are appended per turn. */
export const Conversation = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  /** ISO 8601; bumped by `updateConversation` and `appendMessages`. */
  updatedAt: z.string(),
  /** The model in use, e.g. `openai:gpt-4o`. */
  model: z.string(),
  /** The interpreter (executor) in use, e.g. `python`. */
  interpreter: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  /** Who it belongs to, when the store is shared by several users. */
  owner: z.string().optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** One message of a conversation, in order. `role` and `content` are exactly what the model sees. */
export const ConversationMessage = ModelMessage.extend({
  /** Position in the conversation, assigned by the store: 0, 1, 2, … */
  seq: z.number().int(),
  createdAt: z.string(),
  /** The run (trajectory id) that produced it, if any. */
  runId: z.string().optional(),
  /** Anything the UI wants back, e.g. `{ kind: 'observation', execution }`. */
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;

export type NewConversation = {
  /** Generated when absent. */
  readonly id?: string;
  /** Default `''`. */
  readonly title?: string;
  readonly model: string;
  readonly interpreter: string;
  readonly metadata?: Record<string, unknown>;
  readonly owner?: string;
};

export type ConversationPatch = {
  readonly title?: string;
  readonly model?: string;
  readonly interpreter?: string;
  /** Replaces the metadata object. */
  readonly metadata?: Record<string, unknown>;
};

export type NewConversationMessage = {
  readonly role: ModelMessage['role'];
  readonly content: string;
  readonly runId?: string;
  readonly metadata?: Record<string, unknown>;
};

/**
 * Scoping. With `owner`, an operation only sees and touches records saved with that owner; without it,
 * it sees everything (single-user use, admin tools).
 */
export type OwnerScope = {
  readonly owner?: string | undefined;
};

export type SaveTrajectoryOptions = OwnerScope & {
  /** A label grouping trajectories, e.g. a collection run (`codeact data collect --dataset`). */
  readonly dataset?: string | undefined;
};

export type TrajectoryQuery = OwnerScope & {
  readonly dataset?: string | undefined;
  readonly taskId?: string | undefined;
  readonly conversationId?: string | undefined;
  /** Page size. Default 100, at most 1000. */
  readonly limit?: number | undefined;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
};

export type ConversationQuery = OwnerScope & {
  /** Page size. Default 50, at most 1000. */
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
};

export type Page<T> = {
  readonly items: T[];
  /** Present when there may be more: pass it as `cursor`. */
  readonly nextCursor?: string;
};

/**
 * Where trajectories and chat conversations are kept: in memory (tests), SQLite (the default) or
 * PostgreSQL (`DATABASE_URL`). Every implementation runs `storeContract` from `@codeact/core/testing`.
 *
 * Durability: a write's promise resolves once the write is durable and atomic, so saving after each
 * step (`appendMessages`, or `saveTrajectory` with the run so far) means a crash loses at most the
 * turn in flight. Reads validate against the current schema.
 *
 * Order: trajectories list in the order they were first saved (re-saving keeps the place), which for
 * a conversation is the order of its runs. Conversations list most recently updated first.
 */
export interface TrajectoryStore {
  readonly specificationVersion: 'v1';
  /** `memory`, `sqlite`, `postgres`, … */
  readonly storeId: string;

  /** Inserts or replaces (by `trajectory.id`). Rejects a trajectory that fails the schema. */
  saveTrajectory(trajectory: Trajectory, options?: SaveTrajectoryOptions): Promise<void>;
  /** Like `saveTrajectory` for many, in one transaction: all are saved or none. */
  saveTrajectories(trajectories: readonly Trajectory[], options?: SaveTrajectoryOptions): Promise<void>;
  getTrajectory(id: string, options?: OwnerScope): Promise<Trajectory | undefined>;
  listTrajectories(query?: TrajectoryQuery): Promise<Page<Trajectory>>;
  /** Resolves `false` when there was nothing to delete. */
  deleteTrajectory(id: string, options?: OwnerScope): Promise<boolean>;

  createConversation(conversation: NewConversation): Promise<Conversation>;
  getConversation(id: string, options?: OwnerScope): Promise<Conversation | undefined>;
  listConversations(query?: ConversationQuery): Promise<Page<Conversation>>;
  /** Resolves `undefined` when there is no such conversation (in scope). */
  updateConversation(id: string, patch: ConversationPatch, options?: OwnerScope): Promise<Conversation | undefined>;
  /** Deletes the conversation, its messages and its trajectories. Resolves `false` when there was none. */
  deleteConversation(id: string, options?: OwnerScope): Promise<boolean>;
  /**
   * Appends messages atomically after the last one and bumps `updatedAt`. Resolves with them as
   * stored (with `seq`). Rejects with a `ConfigurationError` when there is no such conversation.
   */
  appendMessages(
    conversationId: string,
    messages: readonly NewConversationMessage[],
    options?: OwnerScope,
  ): Promise<ConversationMessage[]>;
  /** All messages in `seq` order, or those after `afterSeq`. Empty for an unknown conversation. */
  listMessages(
    conversationId: string,
    options?: OwnerScope & { readonly afterSeq?: number },
  ): Promise<ConversationMessage[]>;

  /** Releases connections and files. Idempotent; other calls reject afterwards. */
  close(): Promise<void>;
}

/** Every trajectory matching the query, page by page. */
export async function* iterateTrajectories(
  store: TrajectoryStore,
  query: Omit<TrajectoryQuery, 'cursor'> = {},
): AsyncGenerator<Trajectory> {
  let cursor: string | undefined;
  do {
    const page = await store.listTrajectories({ ...query, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
