import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  ConfigurationError,
  type Conversation,
  type ConversationMessage,
  type ConversationQuery,
  type ConversationRowFields,
  conversationFromRow,
  type MessageRowFields,
  messageFromRow,
  type NewConversation,
  type Page,
  parseStoreCursor,
  resolveStorePageSize,
  type SaveTrajectoryOptions,
  Trajectory,
  type TrajectoryQuery,
  type TrajectoryStore,
  validateTrajectoryForStore,
} from '@codeact/core';
import Database from 'better-sqlite3';

export type SqliteTrajectoryStoreOptions = {
  /** Database file; created with its folder when missing. `:memory:` for a private in-memory database. */
  readonly path: string;
  /** Milliseconds to wait for another process's write lock. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Injected for deterministic tests. */
  readonly now?: () => Date;
  readonly generateId?: () => string;
};

const schemaVersion = 1;

const schema = `
CREATE TABLE IF NOT EXISTS trajectories (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT,
  dataset TEXT,
  task_id TEXT,
  conversation_id TEXT,
  created_at TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trajectories_dataset ON trajectories (dataset, seq);
CREATE INDEX IF NOT EXISTS trajectories_task ON trajectories (task_id, seq);
CREATE INDEX IF NOT EXISTS trajectories_conversation ON trajectories (conversation_id, seq);
CREATE INDEX IF NOT EXISTS trajectories_owner ON trajectories (owner, seq);
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  owner TEXT,
  title TEXT NOT NULL,
  model TEXT NOT NULL,
  interpreter TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  touch INTEGER NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS conversations_touch ON conversations (touch);
CREATE TABLE IF NOT EXISTS messages (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  run_id TEXT,
  metadata TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
`;

type TrajectoryRow = { seq: number; owner: string | null; document: string };
type ConversationRow = ConversationRowFields & { touch: number };
type MessageRow = MessageRowFields;

/**
 * The default store: one SQLite file in WAL mode with `synchronous=FULL`, so every resolved write
 * survives a crash of the process or the machine. Several processes may share the file.
 *
 * @example
 * const store = createSqliteTrajectoryStore({ path: defaultSqlitePath() });
 * await store.saveTrajectory(result.trajectory);
 */
export function createSqliteTrajectoryStore(options: SqliteTrajectoryStoreOptions): TrajectoryStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > schemaVersion) {
    db.close();
    throw new ConfigurationError(
      `${options.path} was written by a newer codeact (store schema ${version}); upgrade codeact to open it.`,
    );
  }
  db.exec(schema);
  db.pragma(`user_version = ${schemaVersion}`);

  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const generateId = options.generateId ?? (() => crypto.randomUUID());

  const statements = {
    findTrajectory: db.prepare<[string], { owner: string | null }>('SELECT owner FROM trajectories WHERE id = ?'),
    upsertTrajectory: db.prepare(`
      INSERT INTO trajectories (id, owner, dataset, task_id, conversation_id, created_at, saved_at, document)
      VALUES (@id, @owner, @dataset, @taskId, @conversationId, @createdAt, @savedAt, @document)
      ON CONFLICT (id) DO UPDATE SET
        owner = coalesce(excluded.owner, owner),
        dataset = coalesce(excluded.dataset, dataset),
        task_id = excluded.task_id,
        conversation_id = excluded.conversation_id,
        created_at = excluded.created_at,
        saved_at = excluded.saved_at,
        document = excluded.document`),
    getTrajectory: db.prepare<[string], TrajectoryRow>('SELECT seq, owner, document FROM trajectories WHERE id = ?'),
    deleteTrajectory: db.prepare('DELETE FROM trajectories WHERE id = @id AND (@owner IS NULL OR owner = @owner)'),
    insertConversation: db.prepare(`
      INSERT INTO conversations (id, owner, title, model, interpreter, metadata, created_at, updated_at, touch)
      VALUES (@id, @owner, @title, @model, @interpreter, @metadata, @createdAt, @updatedAt,
        (SELECT coalesce(max(touch), 0) + 1 FROM conversations))`),
    getConversation: db.prepare<{ id: string; owner: string | null }, ConversationRow & { message_count: number }>(
      'SELECT * FROM conversations WHERE id = @id AND (@owner IS NULL OR owner = @owner)',
    ),
    touchConversation: db.prepare(`
      UPDATE conversations SET title = @title, model = @model, interpreter = @interpreter, metadata = @metadata,
        updated_at = @updatedAt, message_count = @messageCount,
        touch = (SELECT coalesce(max(touch), 0) + 1 FROM conversations)
      WHERE id = @id`),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
    deleteConversationRuns: db.prepare('DELETE FROM trajectories WHERE conversation_id = ?'),
    insertMessage: db.prepare(`
      INSERT INTO messages (conversation_id, seq, role, content, run_id, metadata, created_at)
      VALUES (@conversationId, @seq, @role, @content, @runId, @metadata, @createdAt)`),
    listMessages: db.prepare<[string, number], MessageRow>(
      'SELECT seq, role, content, run_id, metadata, created_at FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq',
    ),
  };

  const saveOne = (trajectory: Trajectory, save: SaveTrajectoryOptions, savedAt: string) => {
    const value = validateTrajectoryForStore(trajectory);
    const existing = statements.findTrajectory.get(value.id);
    if (existing?.owner != null && save.owner !== undefined && existing.owner !== save.owner) {
      throw new ConfigurationError(`${value.id} belongs to another owner`);
    }
    statements.upsertTrajectory.run({
      id: value.id,
      owner: save.owner ?? null,
      dataset: save.dataset ?? null,
      taskId: value.taskId ?? null,
      conversationId: value.conversationId ?? null,
      createdAt: value.createdAt,
      savedAt,
      document: JSON.stringify(value),
    });
  };
  const saveMany = db.transaction((list: readonly Trajectory[], save: SaveTrajectoryOptions) => {
    const savedAt = now();
    for (const trajectory of list) saveOne(trajectory, save, savedAt);
  });

  const append = db.transaction(
    (conversationId: string, owner: string | undefined, messages: readonly ConversationMessageInput[]) => {
      const row = statements.getConversation.get({ id: conversationId, owner: owner ?? null });
      if (!row) throw new ConfigurationError(`no conversation ${conversationId}`);
      const createdAt = now();
      const stored = messages.map((message, index): ConversationMessage => {
        const seq = row.message_count + index;
        statements.insertMessage.run({
          conversationId,
          seq,
          role: message.role,
          content: message.content,
          runId: message.runId ?? null,
          metadata: message.metadata === undefined ? null : JSON.stringify(message.metadata),
          createdAt,
        });
        return messageFromRow({
          seq,
          role: message.role,
          content: message.content,
          run_id: message.runId ?? null,
          metadata: message.metadata === undefined ? null : JSON.stringify(message.metadata),
          created_at: createdAt,
        });
      });
      statements.touchConversation.run({
        id: conversationId,
        title: row.title,
        model: row.model,
        interpreter: row.interpreter,
        metadata: row.metadata,
        updatedAt: createdAt,
        messageCount: row.message_count + messages.length,
      });
      return stored;
    },
  );

  const removeConversation = db.transaction((id: string, owner: string | undefined) => {
    if (!statements.getConversation.get({ id, owner: owner ?? null })) return false;
    statements.deleteConversationRuns.run(id);
    statements.deleteConversation.run(id);
    return true;
  });

  let closed = false;
  const open = () => {
    if (closed) throw new ConfigurationError('the sqlite store is closed');
  };

  return {
    specificationVersion: 'v1',
    storeId: 'sqlite',

    async saveTrajectory(trajectory, save = {}) {
      open();
      saveMany([trajectory], save);
    },

    async saveTrajectories(list, save = {}) {
      open();
      saveMany(list, save);
    },

    async getTrajectory(id, scope = {}) {
      open();
      const row = statements.getTrajectory.get(id);
      if (!row || (scope.owner !== undefined && row.owner !== scope.owner)) return undefined;
      return Trajectory.parse(JSON.parse(row.document));
    },

    async listTrajectories(query: TrajectoryQuery = {}): Promise<Page<Trajectory>> {
      open();
      const limit = resolveStorePageSize(query.limit, 100);
      const conditions = ['seq > @after'];
      const parameters: Record<string, string | number> = {
        after: parseStoreCursor(query.cursor) ?? 0,
        take: limit + 1,
      };
      const filters = [
        ['owner', query.owner],
        ['dataset', query.dataset],
        ['task_id', query.taskId],
        ['conversation_id', query.conversationId],
      ] as const;
      for (const [column, value] of filters) {
        if (value === undefined) continue;
        conditions.push(`${column} = @${column}`);
        parameters[column] = value;
      }
      const rows = db
        .prepare<Record<string, string | number>, TrajectoryRow>(
          `SELECT seq, owner, document FROM trajectories WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT @take`,
        )
        .all(parameters);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => Trajectory.parse(JSON.parse(row.document))),
        ...(rows.length > limit && last ? { nextCursor: String(last.seq) } : {}),
      };
    },

    async deleteTrajectory(id, scope = {}) {
      open();
      return statements.deleteTrajectory.run({ id, owner: scope.owner ?? null }).changes > 0;
    },

    async createConversation(input: NewConversation) {
      open();
      const createdAt = now();
      const conversation: Conversation = {
        id: input.id ?? generateId(),
        title: input.title ?? '',
        createdAt,
        updatedAt: createdAt,
        model: input.model,
        interpreter: input.interpreter,
        metadata: input.metadata ?? {},
        ...(input.owner === undefined ? {} : { owner: input.owner }),
      };
      try {
        statements.insertConversation.run({
          id: conversation.id,
          owner: input.owner ?? null,
          title: conversation.title,
          model: conversation.model,
          interpreter: conversation.interpreter,
          metadata: JSON.stringify(conversation.metadata),
          createdAt,
          updatedAt: createdAt,
        });
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
          throw new ConfigurationError(`conversation ${conversation.id} already exists`, { cause: error });
        }
        throw error;
      }
      return conversationFromRow(
        statements.getConversation.get({ id: conversation.id, owner: null }) as ConversationRow,
      );
    },

    async getConversation(id, scope = {}) {
      open();
      const row = statements.getConversation.get({ id, owner: scope.owner ?? null });
      return row ? conversationFromRow(row) : undefined;
    },

    async listConversations(query: ConversationQuery = {}): Promise<Page<Conversation>> {
      open();
      const limit = resolveStorePageSize(query.limit, 50);
      const rows = db
        .prepare<{ before: number; owner: string | null; take: number }, ConversationRow>(
          `SELECT * FROM conversations WHERE touch < @before AND (@owner IS NULL OR owner = @owner)
           ORDER BY touch DESC LIMIT @take`,
        )
        .all({
          before: parseStoreCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER,
          owner: query.owner ?? null,
          take: limit + 1,
        });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(conversationFromRow),
        ...(rows.length > limit && last ? { nextCursor: String(last.touch) } : {}),
      };
    },

    async updateConversation(id, patch, scope = {}) {
      open();
      const update = db.transaction(() => {
        const row = statements.getConversation.get({ id, owner: scope.owner ?? null });
        if (!row) return undefined;
        statements.touchConversation.run({
          id,
          title: patch.title ?? row.title,
          model: patch.model ?? row.model,
          interpreter: patch.interpreter ?? row.interpreter,
          metadata: patch.metadata === undefined ? row.metadata : JSON.stringify(patch.metadata),
          updatedAt: now(),
          messageCount: row.message_count,
        });
        return conversationFromRow(statements.getConversation.get({ id, owner: null }) as ConversationRow);
      });
      return update();
    },

    async deleteConversation(id, scope = {}) {
      open();
      return removeConversation(id, scope.owner);
    },

    async appendMessages(conversationId, messages, scope = {}) {
      open();
      return append(conversationId, scope.owner, messages);
    },

    async listMessages(conversationId, scope = {}) {
      open();
      if (scope.owner !== undefined && !statements.getConversation.get({ id: conversationId, owner: scope.owner })) {
        return [];
      }
      return statements.listMessages.all(conversationId, scope.afterSeq ?? -1).map(messageFromRow);
    },

    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

type ConversationMessageInput = {
  readonly role: ConversationMessage['role'];
  readonly content: string;
  readonly runId?: string;
  readonly metadata?: Record<string, unknown>;
};
