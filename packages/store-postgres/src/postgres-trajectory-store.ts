import { ConfigurationError, createSqlTrajectoryStore, type TrajectoryStore } from '@codeact/core';
import pg from 'pg';
import { createPostgresDialect } from './postgres-dialect.js';

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
  const dialect = createPostgresDialect(pool, s);
  try {
    await dialect.transaction(async (client) => {
      // Serialises concurrent first starts: CREATE ... IF NOT EXISTS is not race-free on its own.
      await client.query('SELECT pg_advisory_xact_lock(4242001)', []);
      await client.query(
        `
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
        );`,
        [],
      );
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  return createSqlTrajectoryStore(dialect, options);
}
