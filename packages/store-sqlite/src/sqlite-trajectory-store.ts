import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError, createSqlTrajectoryStore, sqlStoreSchema, type TrajectoryStore } from '@codeact/core';
import Database from 'better-sqlite3';
import { createSqliteDialect } from './sqlite-dialect.js';

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
  db.exec(sqlStoreSchema((name) => name, { serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT', bigint: 'INTEGER' }));
  db.pragma(`user_version = ${schemaVersion}`);

  return createSqlTrajectoryStore(createSqliteDialect(db), options);
}
