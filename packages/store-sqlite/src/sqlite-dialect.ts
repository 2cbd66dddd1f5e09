import type { SqlClient, SqlDialect, SqlQueryResult } from '@codeact/core';
import type Database from 'better-sqlite3';

/** `$1` (and a PostgreSQL cast after it, `$1::text`) → better-sqlite3's named `@p1`. */
function toSqlite(text: string): string {
  return text.replace(/\$(\d+)(?:::[a-z]+)?/g, '@p$1');
}

/**
 * The SQLite dialect over one better-sqlite3 connection. Its calls are synchronous, but a
 * transaction spans awaits, so every query and transaction takes its turn on one queue: nothing
 * runs inside another caller's transaction. Transactions start with `BEGIN IMMEDIATE`, so a writer
 * in another process is waited for (the busy timeout) instead of failing on upgrade.
 */
export function createSqliteDialect(db: Database.Database): SqlDialect {
  const statements = new Map<string, Database.Statement>();
  const run = <ROW>(text: string, parameters: readonly unknown[]): SqlQueryResult<ROW> => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(toSqlite(text));
      statements.set(text, statement);
    }
    const named = Object.fromEntries(parameters.map((value, index) => [`p${index + 1}`, value]));
    if (statement.reader) {
      const rows = statement.all(named) as ROW[];
      return { rows, rowCount: rows.length };
    }
    return { rows: [], rowCount: statement.run(named).changes };
  };
  const inTransaction: SqlClient = { query: async (text, parameters) => run(text, parameters) };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    storeId: 'sqlite',
    table: (name) => name,
    nextTouch: '(SELECT coalesce(max(touch), 0) + 1 FROM conversations)',
    lockRow: '',
    query: (text, parameters) => exclusive(async () => run(text, parameters)),
    transaction: (work) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(inTransaction);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: async () => {
      await exclusive(async () => db.close());
    },
  };
}
