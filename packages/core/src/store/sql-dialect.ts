/** What a query returns: the rows (of a SELECT or `RETURNING`) and how many rows it changed or returned. */
export type SqlQueryResult<ROW> = { readonly rows: ROW[]; readonly rowCount: number };

/**
 * A connection, or a transaction on one. Parameters are written `$1`, `$2`, … (a parameter may be
 * used twice), PostgreSQL casts such as `$2::text` included; a dialect rewrites them for its driver.
 */
export type SqlClient = {
  query<ROW = Record<string, unknown>>(text: string, parameters: readonly unknown[]): Promise<SqlQueryResult<ROW>>;
};

/**
 * What `createSqlTrajectoryStore` needs from a SQL database: its driver behind `query` and
 * `transaction`, and the few fragments of SQL that differ. Each SQL store package (SQLite,
 * PostgreSQL) is a dialect plus the schema it creates.
 */
export type SqlDialect = SqlClient & {
  /** `storeId` of the store, e.g. `sqlite`. */
  readonly storeId: string;
  /** The name to use for a table in queries, e.g. `"codeact".trajectories`. */
  table(name: 'trajectories' | 'conversations' | 'messages'): string;
  /** An expression for the next conversation `touch` (conversations list most recently changed first). */
  readonly nextTouch: string;
  /** Appended to a SELECT of the row a transaction then updates (`FOR UPDATE`), or empty. */
  readonly lockRow: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};
