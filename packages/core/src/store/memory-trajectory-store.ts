import type { Trajectory } from '../trajectory/trajectory-schema.js';
import {
  closedStore,
  conflictingOwner,
  duplicateConversation,
  missingConversation,
  newConversationRecord,
  ownedBy,
  parseStoreCursor,
  resolveStorePageSize,
  type StoreClockOptions,
  storeClock,
  validateTrajectoryForStore,
} from './store-support.js';
import type {
  Conversation,
  ConversationMessage,
  ConversationQuery,
  Page,
  SaveTrajectoryOptions,
  TrajectoryQuery,
  TrajectoryStore,
} from './trajectory-store.js';

/** Injected for deterministic tests. */
export type MemoryTrajectoryStoreOptions = StoreClockOptions;

type TrajectoryRecord = { seq: number; owner?: string; dataset?: string; trajectory: Trajectory };
type ConversationRecord = { touch: number; conversation: Conversation; messages: ConversationMessage[] };

/** A store that lives in this process: for tests and throwaway runs. Values are copied in and out. */
export function createMemoryTrajectoryStore(options: MemoryTrajectoryStoreOptions = {}): TrajectoryStore {
  const { now, generateId } = storeClock(options);
  const trajectories = new Map<string, TrajectoryRecord>();
  const conversations = new Map<string, ConversationRecord>();
  let sequence = 0;
  let closed = false;

  const open = () => {
    if (closed) throw closedStore('memory');
  };

  const prepare = (trajectory: Trajectory, save: SaveTrajectoryOptions): [string, TrajectoryRecord] => {
    const checked = structuredClone(validateTrajectoryForStore(trajectory));
    const existing = trajectories.get(checked.id);
    if (existing?.owner !== undefined && save.owner !== undefined && existing.owner !== save.owner) {
      throw conflictingOwner(checked.id);
    }
    const owner = save.owner ?? existing?.owner;
    const dataset = save.dataset ?? existing?.dataset;
    return [
      checked.id,
      {
        seq: existing?.seq ?? ++sequence,
        ...(owner === undefined ? {} : { owner }),
        ...(dataset === undefined ? {} : { dataset }),
        trajectory: checked,
      },
    ];
  };

  const findConversation = (id: string, owner: string | undefined) => {
    const record = conversations.get(id);
    return record && ownedBy(record.conversation.owner, owner) ? record : undefined;
  };

  const store: TrajectoryStore = {
    specificationVersion: 'v1',
    storeId: 'memory',

    async saveTrajectory(trajectory, save = {}) {
      open();
      const [id, record] = prepare(trajectory, save);
      trajectories.set(id, record);
    },

    async saveTrajectories(list, save = {}) {
      open();
      const records = list.map((trajectory) => prepare(trajectory, save));
      for (const [id, record] of records) trajectories.set(id, record);
    },

    async getTrajectory(id, scope = {}) {
      open();
      const record = trajectories.get(id);
      return record && ownedBy(record.owner, scope.owner) ? structuredClone(record.trajectory) : undefined;
    },

    async listTrajectories(query: TrajectoryQuery = {}): Promise<Page<Trajectory>> {
      open();
      const limit = resolveStorePageSize(query.limit, 100);
      const after = parseStoreCursor(query.cursor) ?? 0;
      const matches = [...trajectories.values()]
        .filter(
          (record) =>
            record.seq > after &&
            ownedBy(record.owner, query.owner) &&
            (query.dataset === undefined || record.dataset === query.dataset) &&
            (query.taskId === undefined || record.trajectory.taskId === query.taskId) &&
            (query.conversationId === undefined || record.trajectory.conversationId === query.conversationId),
        )
        .sort((a, b) => a.seq - b.seq);
      const items = matches.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((record) => structuredClone(record.trajectory)),
        ...(matches.length > limit && last ? { nextCursor: String(last.seq) } : {}),
      };
    },

    async deleteTrajectory(id, scope = {}) {
      open();
      const record = trajectories.get(id);
      if (!record || !ownedBy(record.owner, scope.owner)) return false;
      return trajectories.delete(id);
    },

    async createConversation(input) {
      open();
      const conversation = newConversationRecord(structuredClone(input), generateId(), now());
      if (conversations.has(conversation.id)) throw duplicateConversation(conversation.id);
      conversations.set(conversation.id, { touch: ++sequence, conversation, messages: [] });
      return structuredClone(conversation);
    },

    async getConversation(id, scope = {}) {
      open();
      const record = findConversation(id, scope.owner);
      return record ? structuredClone(record.conversation) : undefined;
    },

    async listConversations(query: ConversationQuery = {}): Promise<Page<Conversation>> {
      open();
      const limit = resolveStorePageSize(query.limit, 50);
      const before = parseStoreCursor(query.cursor) ?? Number.POSITIVE_INFINITY;
      const matches = [...conversations.values()]
        .filter((record) => record.touch < before && ownedBy(record.conversation.owner, query.owner))
        .sort((a, b) => b.touch - a.touch);
      const items = matches.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((record) => structuredClone(record.conversation)),
        ...(matches.length > limit && last ? { nextCursor: String(last.touch) } : {}),
      };
    },

    async updateConversation(id, patch, scope = {}) {
      open();
      const record = findConversation(id, scope.owner);
      if (!record) return undefined;
      const { title, model, interpreter, metadata } = structuredClone(patch);
      record.conversation = {
        ...record.conversation,
        ...(title === undefined ? {} : { title }),
        ...(model === undefined ? {} : { model }),
        ...(interpreter === undefined ? {} : { interpreter }),
        ...(metadata === undefined ? {} : { metadata }),
        updatedAt: now(),
      };
      record.touch = ++sequence;
      return structuredClone(record.conversation);
    },

    async deleteConversation(id, scope = {}) {
      open();
      if (!findConversation(id, scope.owner)) return false;
      conversations.delete(id);
      for (const [trajectoryId, record] of trajectories) {
        if (record.trajectory.conversationId === id) trajectories.delete(trajectoryId);
      }
      return true;
    },

    async appendMessages(conversationId, messages, scope = {}) {
      open();
      const record = findConversation(conversationId, scope.owner);
      if (!record) throw missingConversation(conversationId);
      const createdAt = now();
      const stored = structuredClone(messages).map(
        (message, index): ConversationMessage => ({
          role: message.role,
          content: message.content,
          seq: record.messages.length + index,
          createdAt,
          ...(message.runId === undefined ? {} : { runId: message.runId }),
          ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
        }),
      );
      record.messages.push(...stored);
      record.conversation = { ...record.conversation, updatedAt: createdAt };
      record.touch = ++sequence;
      return structuredClone(stored);
    },

    async listMessages(conversationId, scope = {}) {
      open();
      const record = findConversation(conversationId, scope.owner);
      if (!record) return [];
      const after = scope.afterSeq ?? -1;
      return structuredClone(record.messages.filter((message) => message.seq > after));
    },

    async close() {
      closed = true;
    },
  };
  return store;
}
