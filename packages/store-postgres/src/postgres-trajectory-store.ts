import { ConfigurationError, createSqlTrajectoryStore, sqlStoreSchema, type TrajectoryStore } from '@codeact/core';
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
        CREATE SEQUENCE IF NOT EXISTS ${s}.conversation_touch;
        ${sqlStoreSchema(dialect.table, { serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', bigint: 'BIGINT' })}`,
        [],
      );
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  return createSqlTrajectoryStore(dialect, options);
}
