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
  type NewConversationMessage,
  type Page,
  parseStoreCursor,
  resolveStorePageSize,
  type SaveTrajectoryOptions,
  Trajectory,
  type TrajectoryQuery,
  type TrajectoryStore,
  validateTrajectoryForStore,
} from '@codeact/core';
import pg from 'pg';

export type PostgresTrajectoryStoreOptions = {
  /** `postgres://user:password@host:port/database`, usually `DATABASE_URL`. */
  readonly connectionString: string;
  /** Schema holding the tables, created when missing. Default `codeact`. */
  readonly schema?: string;
  /** Most connections at once. Default 5. */
  readonly maxConnections?: number;
  /** Injected for deterministic tests. */
  readonly now?: () => Date;
  readonly generateId?: () => string;
};

type TrajectoryRow = { seq: string; owner: string | null; document: string };
type ConversationRow = ConversationRowFields & { touch: string; message_count: number };
type MessageRow = MessageRowFields;

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new ConfigurationError(`not a usable schema name: ${name}`);
  return `"${name}"`;
}

/**
 * A store in PostgreSQL, for a server shared by several users or machines. Documents are kept as
 * JSON text (not `jsonb`, which cannot hold `\u0000` from program output). Tables are created on
 * first use; every write is one transaction, durable when its promise resolves.
 *
 * @example
 * const store = await createPostgresTrajectoryStore({ connectionString: process.env.DATABASE_URL! });
 */
export async function createPostgresTrajectoryStore(options: PostgresTrajectoryStoreOptions): Promise<TrajectoryStore> {
  const s = quoteIdentifier(options.schema ?? 'codeact');
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 5 });
  pool.on('error', () => {});
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const generateId = options.generateId ?? (() => crypto.randomUUID());

  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  try {
    await transaction(async (client) => {
      // Serialises concurrent first starts: CREATE ... IF NOT EXISTS is not race-free on its own.
      await client.query('SELECT pg_advisory_xact_lock(4242001)');
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS ${s};
        CREATE TABLE IF NOT EXISTS ${s}.trajectories (
          seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          owner TEXT,
          dataset TEXT,
          task_id TEXT,
          conversation_id TEXT,
          created_at TEXT NOT NULL,
          saved_at TEXT NOT NULL,
          document TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS trajectories_dataset ON ${s}.trajectories (dataset, seq);
        CREATE INDEX IF NOT EXISTS trajectories_task ON ${s}.trajectories (task_id, seq);
        CREATE INDEX IF NOT EXISTS trajectories_conversation ON ${s}.trajectories (conversation_id, seq);
        CREATE INDEX IF NOT EXISTS trajectories_owner ON ${s}.trajectories (owner, seq);
        CREATE SEQUENCE IF NOT EXISTS ${s}.conversation_touch;
        CREATE TABLE IF NOT EXISTS ${s}.conversations (
          id TEXT PRIMARY KEY,
          owner TEXT,
          title TEXT NOT NULL,
          model TEXT NOT NULL,
          interpreter TEXT NOT NULL,
          metadata TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          touch BIGINT NOT NULL,
          message_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS conversations_touch ON ${s}.conversations (touch);
        CREATE TABLE IF NOT EXISTS ${s}.messages (
          conversation_id TEXT NOT NULL REFERENCES ${s}.conversations (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          role TEXT NOT NULL,
          content TEXT NOT NULL,
          run_id TEXT,
          metadata TEXT,
          created_at TEXT NOT NULL,
          PRIMARY KEY (conversation_id, seq)
        );`);
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const saveAll = (list: readonly Trajectory[], save: SaveTrajectoryOptions) => {
    const values = list.map(validateTrajectoryForStore);
    const savedAt = now();
    return transaction(async (client) => {
      for (const value of values) {
        const result = await client.query(
          `INSERT INTO ${s}.trajectories AS t (id, owner, dataset, task_id, conversation_id, created_at, saved_at, document)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET
             owner = coalesce(excluded.owner, t.owner),
             dataset = coalesce(excluded.dataset, t.dataset),
             task_id = excluded.task_id,
             conversation_id = excluded.conversation_id,
             created_at = excluded.created_at,
             saved_at = excluded.saved_at,
             document = excluded.document
           WHERE t.owner IS NULL OR excluded.owner IS NULL OR t.owner = excluded.owner`,
          [
            value.id,
            save.owner ?? null,
            save.dataset ?? null,
            value.taskId ?? null,
            value.conversationId ?? null,
            value.createdAt,
            savedAt,
            JSON.stringify(value),
          ],
        );
        if (result.rowCount === 0) throw new ConfigurationError(`${value.id} belongs to another owner`);
      }
    });
  };

  let closed = false;
  const open = () => {
    if (closed) throw new ConfigurationError('the postgres store is closed');
  };

  const findConversation = async (
    client: pg.PoolClient | pg.Pool,
    id: string,
    owner: string | undefined,
    lock = '',
  ) => {
    const result = await client.query<ConversationRow>(
      `SELECT * FROM ${s}.conversations WHERE id = $1 AND ($2::text IS NULL OR owner = $2) ${lock}`,
      [id, owner ?? null],
    );
    return result.rows[0];
  };

  return {
    specificationVersion: 'v1',
    storeId: 'postgres',

    async saveTrajectory(trajectory, save = {}) {
      open();
      await saveAll([trajectory], save);
    },

    async saveTrajectories(list, save = {}) {
      open();
      await saveAll(list, save);
    },

    async getTrajectory(id, scope = {}) {
      open();
      const result = await pool.query<TrajectoryRow>(
        `SELECT seq, owner, document FROM ${s}.trajectories WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`,
        [id, scope.owner ?? null],
      );
      const row = result.rows[0];
      return row ? Trajectory.parse(JSON.parse(row.document)) : undefined;
    },

    async listTrajectories(query: TrajectoryQuery = {}): Promise<Page<Trajectory>> {
      open();
      const limit = resolveStorePageSize(query.limit, 100);
      const result = await pool.query<TrajectoryRow>(
        `SELECT seq, owner, document FROM ${s}.trajectories
         WHERE seq > $1
           AND ($2::text IS NULL OR owner = $2)
           AND ($3::text IS NULL OR dataset = $3)
           AND ($4::text IS NULL OR task_id = $4)
           AND ($5::text IS NULL OR conversation_id = $5)
         ORDER BY seq LIMIT $6`,
        [
          parseStoreCursor(query.cursor) ?? 0,
          query.owner ?? null,
          query.dataset ?? null,
          query.taskId ?? null,
          query.conversationId ?? null,
          limit + 1,
        ],
      );
      const items = result.rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => Trajectory.parse(JSON.parse(row.document))),
        ...(result.rows.length > limit && last ? { nextCursor: String(last.seq) } : {}),
      };
    },

    async deleteTrajectory(id, scope = {}) {
      open();
      const result = await pool.query(
        `DELETE FROM ${s}.trajectories WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`,
        [id, scope.owner ?? null],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async createConversation(input: NewConversation) {
      open();
      const createdAt = now();
      const id = input.id ?? generateId();
      const result = await pool.query<ConversationRow>(
        `INSERT INTO ${s}.conversations (id, owner, title, model, interpreter, metadata, created_at, updated_at, touch)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, nextval('${s}.conversation_touch'))
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [
          id,
          input.owner ?? null,
          input.title ?? '',
          input.model,
          input.interpreter,
          JSON.stringify(input.metadata ?? {}),
          createdAt,
        ],
      );
      const row = result.rows[0];
      if (!row) throw new ConfigurationError(`conversation ${id} already exists`);
      return conversationFromRow(row);
    },

    async getConversation(id, scope = {}) {
      open();
      const row = await findConversation(pool, id, scope.owner);
      return row ? conversationFromRow(row) : undefined;
    },

    async listConversations(query: ConversationQuery = {}): Promise<Page<Conversation>> {
      open();
      const limit = resolveStorePageSize(query.limit, 50);
      const before = parseStoreCursor(query.cursor);
      const result = await pool.query<ConversationRow>(
        `SELECT * FROM ${s}.conversations WHERE ($1::bigint IS NULL OR touch < $1) AND ($2::text IS NULL OR owner = $2)
         ORDER BY touch DESC LIMIT $3`,
        [before ?? null, query.owner ?? null, limit + 1],
      );
      const items = result.rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(conversationFromRow),
        ...(result.rows.length > limit && last ? { nextCursor: String(last.touch) } : {}),
      };
    },

    async updateConversation(id, patch, scope = {}) {
      open();
      const result = await pool.query<ConversationRow>(
        `UPDATE ${s}.conversations SET
           title = coalesce($3, title), model = coalesce($4, model), interpreter = coalesce($5, interpreter),
           metadata = coalesce($6, metadata), updated_at = $7, touch = nextval('${s}.conversation_touch')
         WHERE id = $1 AND ($2::text IS NULL OR owner = $2) RETURNING *`,
        [
          id,
          scope.owner ?? null,
          patch.title ?? null,
          patch.model ?? null,
          patch.interpreter ?? null,
          patch.metadata === undefined ? null : JSON.stringify(patch.metadata),
          now(),
        ],
      );
      const row = result.rows[0];
      return row ? conversationFromRow(row) : undefined;
    },

    async deleteConversation(id, scope = {}) {
      open();
      return transaction(async (client) => {
        if (!(await findConversation(client, id, scope.owner, 'FOR UPDATE'))) return false;
        await client.query(`DELETE FROM ${s}.trajectories WHERE conversation_id = $1`, [id]);
        await client.query(`DELETE FROM ${s}.conversations WHERE id = $1`, [id]);
        return true;
      });
    },

    async appendMessages(conversationId, messages: readonly NewConversationMessage[], scope = {}) {
      open();
      return transaction(async (client) => {
        const row = await findConversation(client, conversationId, scope.owner, 'FOR UPDATE');
        if (!row) throw new ConfigurationError(`no conversation ${conversationId}`);
        const createdAt = now();
        const stored: ConversationMessage[] = [];
        for (const [index, message] of messages.entries()) {
          const inserted = await client.query<MessageRow>(
            `INSERT INTO ${s}.messages (conversation_id, seq, role, content, run_id, metadata, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq, role, content, run_id, metadata, created_at`,
            [
              conversationId,
              row.message_count + index,
              message.role,
              message.content,
              message.runId ?? null,
              message.metadata === undefined ? null : JSON.stringify(message.metadata),
              createdAt,
            ],
          );
          stored.push(messageFromRow(inserted.rows[0] as MessageRow));
        }
        await client.query(
          `UPDATE ${s}.conversations SET message_count = message_count + $2, updated_at = $3,
             touch = nextval('${s}.conversation_touch') WHERE id = $1`,
          [conversationId, messages.length, createdAt],
        );
        return stored;
      });
    },

    async listMessages(conversationId, scope = {}) {
      open();
      const result = await pool.query<MessageRow>(
        `SELECT m.seq, m.role, m.content, m.run_id, m.metadata, m.created_at
         FROM ${s}.messages m JOIN ${s}.conversations c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND m.seq > $2 AND ($3::text IS NULL OR c.owner = $3)
         ORDER BY m.seq`,
        [conversationId, scope.afterSeq ?? -1, scope.owner ?? null],
      );
      return result.rows.map(messageFromRow);
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
