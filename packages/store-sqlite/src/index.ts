/**
 * The default trajectory store: embedded SQLite (WAL, durable after each write).
 * @module
 */
export { defaultSqlitePath } from './default-sqlite-path.js';
export { createSqliteTrajectoryStore, type SqliteTrajectoryStoreOptions } from './sqlite-trajectory-store.js';
