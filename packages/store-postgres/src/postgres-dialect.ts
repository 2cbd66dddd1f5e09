import type { SqlClient, SqlDialect } from '@codeact/core';
import type pg from 'pg';

const client = (connection: pg.Pool | pg.PoolClient): SqlClient => ({
  async query<ROW>(text: string, parameters: readonly unknown[]) {
    const result = await connection.query(text, [...parameters]);
    return { rows: result.rows as ROW[], rowCount: result.rowCount ?? 0 };
  },
});

/** The PostgreSQL dialect over a connection pool, with the tables in `schema` (a quoted identifier). */
export function createPostgresDialect(pool: pg.Pool, schema: string): SqlDialect {
  return {
    storeId: 'postgres',
    table: (name) => `${schema}.${name}`,
    nextTouch: `nextval('${schema}.conversation_touch')`,
    lockRow: 'FOR UPDATE',
    ...client(pool),
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work(client(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
