import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError, createSqlTrajectoryStore, type TrajectoryStore } from '@codeact/core';
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

  return createSqlTrajectoryStore(createSqliteDialect(db), options);
}
