import { Trajectory } from '../trajectory/trajectory-schema.js';
import type { SqlClient, SqlDialect } from './sql-dialect.js';
import {
  type ConversationRowFields,
  conversationFromRow,
  type MessageRowFields,
  messageFromRow,
} from './store-rows.js';
import {
  closedStore,
  conflictingOwner,
  duplicateConversation,
  missingConversation,
  parseStoreCursor,
  resolveStorePageSize,
  type StoreClockOptions,
  storeClock,
  validateTrajectoryForStore,
} from './store-support.js';
import type {
  Conversation,
  ConversationMessage,
  Page,
  SaveTrajectoryOptions,
  TrajectoryStore,
} from './trajectory-store.js';

/** Injected for deterministic tests. */
export type SqlTrajectoryStoreOptions = StoreClockOptions;

type TrajectoryRow = { seq: number | string; document: string };
type ConversationRow = ConversationRowFields & { touch: number | string; message_count: number };

/**
 * The `TrajectoryStore` of every SQL database: statements, ownership rules, paging and errors are
 * written once here; `dialect` supplies the driver and the SQL that differs.
 *
 * @example
 * const store = createSqlTrajectoryStore(createSqliteDialect(db));
 */
export function createSqlTrajectoryStore(
  dialect: SqlDialect,
  options: SqlTrajectoryStoreOptions = {},
): TrajectoryStore {
  const trajectories = dialect.table('trajectories');
  const conversations = dialect.table('conversations');
  const messages = dialect.table('messages');
  const { now, generateId } = storeClock(options);
  let closed = false;
  const open = () => {
    if (closed) throw closedStore(dialect.storeId);
  };

  const findConversation = async (client: SqlClient, id: string, owner: string | undefined, lock = '') => {
    const result = await client.query<ConversationRow>(
      `SELECT * FROM ${conversations} WHERE id = $1 AND ($2::text IS NULL OR owner = $2) ${lock}`,
      [id, owner ?? null],
    );
    return result.rows[0];
  };

  const saveAll = async (list: readonly Trajectory[], save: SaveTrajectoryOptions) => {
    open();
    const values = list.map(validateTrajectoryForStore);
    const savedAt = now();
    await dialect.transaction(async (client) => {
      for (const value of values) {
        const result = await client.query(
          `INSERT INTO ${trajectories} AS t (id, owner, dataset, task_id, conversation_id, created_at, saved_at, document)
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
        if (result.rowCount === 0) throw conflictingOwner(value.id);
      }
    });
  };

  return {
    specificationVersion: 'v1',
    storeId: dialect.storeId,

    saveTrajectory: (trajectory, save = {}) => saveAll([trajectory], save),

    saveTrajectories: (list, save = {}) => saveAll(list, save),

    async getTrajectory(id, scope = {}) {
      open();
      const result = await dialect.query<TrajectoryRow>(
        `SELECT seq, document FROM ${trajectories} WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`,
        [id, scope.owner ?? null],
      );
      const row = result.rows[0];
      return row ? Trajectory.parse(JSON.parse(row.document)) : undefined;
    },

    async listTrajectories(query = {}): Promise<Page<Trajectory>> {
      open();
      const limit = resolveStorePageSize(query.limit, 100);
      const parameters: unknown[] = [parseStoreCursor(query.cursor) ?? 0];
      const conditions = ['seq > $1'];
      // Only the filters given, so that each can use its index.
      const filters = [
        ['owner', query.owner],
        ['dataset', query.dataset],
        ['task_id', query.taskId],
        ['conversation_id', query.conversationId],
      ] as const;
      for (const [column, value] of filters) {
        if (value === undefined) continue;
        parameters.push(value);
        conditions.push(`${column} = $${parameters.length}`);
      }
      parameters.push(limit + 1);
      const result = await dialect.query<TrajectoryRow>(
        `SELECT seq, document FROM ${trajectories} WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT $${parameters.length}`,
        parameters,
      );
      return pageOf(
        result.rows,
        limit,
        (row) => Trajectory.parse(JSON.parse(row.document)),
        (row) => row.seq,
      );
    },

    async deleteTrajectory(id, scope = {}) {
      open();
      const result = await dialect.query(
        `DELETE FROM ${trajectories} WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`,
        [id, scope.owner ?? null],
      );
      return result.rowCount > 0;
    },

    async createConversation(input) {
      open();
      const id = input.id ?? generateId();
      const result = await dialect.query<ConversationRow>(
        `INSERT INTO ${conversations} (id, owner, title, model, interpreter, metadata, created_at, updated_at, touch)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, ${dialect.nextTouch})
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [
          id,
          input.owner ?? null,
          input.title ?? '',
          input.model,
          input.interpreter,
          JSON.stringify(input.metadata ?? {}),
          now(),
        ],
      );
      const row = result.rows[0];
      if (!row) throw duplicateConversation(id);
      return conversationFromRow(row);
    },

    async getConversation(id, scope = {}) {
      open();
      const row = await findConversation(dialect, id, scope.owner);
      return row ? conversationFromRow(row) : undefined;
    },

    async listConversations(query = {}): Promise<Page<Conversation>> {
      open();
      const limit = resolveStorePageSize(query.limit, 50);
      const result = await dialect.query<ConversationRow>(
        `SELECT * FROM ${conversations} WHERE ($1::bigint IS NULL OR touch < $1) AND ($2::text IS NULL OR owner = $2)
         ORDER BY touch DESC LIMIT $3`,
        [parseStoreCursor(query.cursor) ?? null, query.owner ?? null, limit + 1],
      );
      return pageOf(result.rows, limit, conversationFromRow, (row) => row.touch);
    },

    async updateConversation(id, patch, scope = {}) {
      open();
      const result = await dialect.query<ConversationRow>(
        `UPDATE ${conversations} SET
           title = coalesce($3, title), model = coalesce($4, model), interpreter = coalesce($5, interpreter),
           metadata = coalesce($6, metadata), updated_at = $7, touch = ${dialect.nextTouch}
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
      return dialect.transaction(async (client) => {
        if (!(await findConversation(client, id, scope.owner, dialect.lockRow))) return false;
        await client.query(`DELETE FROM ${trajectories} WHERE conversation_id = $1`, [id]);
        await client.query(`DELETE FROM ${messages} WHERE conversation_id = $1`, [id]);
        await client.query(`DELETE FROM ${conversations} WHERE id = $1`, [id]);
        return true;
      });
    },

    async appendMessages(conversationId, list, scope = {}) {
      open();
      return dialect.transaction(async (client) => {
        const row = await findConversation(client, conversationId, scope.owner, dialect.lockRow);
        if (!row) throw missingConversation(conversationId);
        const createdAt = now();
        const stored: ConversationMessage[] = [];
        for (const [index, message] of list.entries()) {
          const inserted = await client.query<MessageRowFields>(
            `INSERT INTO ${messages} (conversation_id, seq, role, content, run_id, metadata, created_at)
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
          stored.push(messageFromRow(inserted.rows[0] as MessageRowFields));
        }
        await client.query(
          `UPDATE ${conversations} SET message_count = message_count + $2, updated_at = $3, touch = ${dialect.nextTouch}
           WHERE id = $1`,
          [conversationId, list.length, createdAt],
        );
        return stored;
      });
    },

    async listMessages(conversationId, scope = {}) {
      open();
      const result = await dialect.query<MessageRowFields>(
        `SELECT m.seq, m.role, m.content, m.run_id, m.metadata, m.created_at
         FROM ${messages} m JOIN ${conversations} c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND m.seq > $2 AND ($3::text IS NULL OR c.owner = $3)
         ORDER BY m.seq`,
        [conversationId, scope.afterSeq ?? -1, scope.owner ?? null],
      );
      return result.rows.map(messageFromRow);
    },

    async close() {
      if (closed) return;
      closed = true;
      await dialect.close();
    },
  };
}

/** One page from `limit + 1` rows: the extra row only says that there is a next page. */
function pageOf<ROW, T>(rows: readonly ROW[], limit: number, toItem: (row: ROW) => T, key: (row: ROW) => unknown) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toItem),
    ...(rows.length > limit && last !== undefined ? { nextCursor: String(key(last)) } : {}),
  };
}
