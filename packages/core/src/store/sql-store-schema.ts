import type { SqlDialect } from './sql-dialect.js';

/** How a dialect spells the two column types that differ. */
export type SqlSchemaTypes = {
  /** The trajectories' auto-numbered key, e.g. `INTEGER PRIMARY KEY AUTOINCREMENT`. */
  readonly serialKey: string;
  /** A 64-bit integer (the conversations' `touch`), e.g. `BIGINT`. */
  readonly bigint: string;
};

/**
 * The tables and indexes `createSqlTrajectoryStore` reads and writes, as `CREATE … IF NOT EXISTS`
 * statements for one `exec`. Dialects run it at open, with whatever they need around it.
 */
export function sqlStoreSchema(table: SqlDialect['table'], types: SqlSchemaTypes): string {
  const trajectories = table('trajectories');
  const conversations = table('conversations');
  return `
CREATE TABLE IF NOT EXISTS ${trajectories} (
  seq ${types.serialKey},
  id TEXT NOT NULL UNIQUE,
  owner TEXT,
  dataset TEXT,
  task_id TEXT,
  conversation_id TEXT,
  created_at TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trajectories_dataset ON ${trajectories} (dataset, seq);
CREATE INDEX IF NOT EXISTS trajectories_task ON ${trajectories} (task_id, seq);
CREATE INDEX IF NOT EXISTS trajectories_conversation ON ${trajectories} (conversation_id, seq);
CREATE INDEX IF NOT EXISTS trajectories_owner ON ${trajectories} (owner, seq);
CREATE TABLE IF NOT EXISTS ${conversations} (
  id TEXT PRIMARY KEY,
  owner TEXT,
  title TEXT NOT NULL,
  model TEXT NOT NULL,
  interpreter TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  touch ${types.bigint} NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS conversations_touch ON ${conversations} (touch);
CREATE TABLE IF NOT EXISTS ${table('messages')} (
  conversation_id TEXT NOT NULL REFERENCES ${conversations} (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  run_id TEXT,
  metadata TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
`;
}
