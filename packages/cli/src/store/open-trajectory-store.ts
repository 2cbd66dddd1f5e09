import { ConfigurationError, createMemoryTrajectoryStore, type TrajectoryStore } from '@codeact/core';

export type OpenTrajectoryStoreOptions = {
  /**
   * Where to keep trajectories: `postgres://…`/`postgresql://…`, `sqlite:<path>` or a plain file path,
   * or `memory:`. Default: `$DATABASE_URL` when set, else SQLite at `defaultSqlitePath()`
   * (`$CODEACT_HOME/codeact.db`, `~/.codeact/codeact.db`).
   */
  readonly url?: string | undefined;
  readonly env?: Record<string, string | undefined>;
};

/**
 * Opens the store the CLI and server use. PostgreSQL and SQLite are loaded only when chosen, so the
 * `pg` driver is not loaded for SQLite users and the native SQLite module not for PostgreSQL users.
 */
export async function openTrajectoryStore(options: OpenTrajectoryStoreOptions = {}): Promise<TrajectoryStore> {
  const env = options.env ?? process.env;
  const url = options.url ?? (env.DATABASE_URL || undefined);
  if (url === 'memory:') return createMemoryTrajectoryStore();
  if (url && /^postgres(?:ql)?:\/\//.test(url)) {
    const { createPostgresTrajectoryStore } = await import('@codeact/store-postgres');
    return createPostgresTrajectoryStore({ connectionString: url });
  }
  if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ConfigurationError(
      `unsupported store URL ${url}: use postgres://…, sqlite:<path>, a file path or memory:`,
    );
  }
  const { createSqliteTrajectoryStore, defaultSqlitePath } = await import('@codeact/store-sqlite');
  const path = url ? url.replace(/^sqlite:/, '') : defaultSqlitePath(env);
  return createSqliteTrajectoryStore({ path });
}
