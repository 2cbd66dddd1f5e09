/**
 * A trajectory store in PostgreSQL, used when `DATABASE_URL` is set.
 * @module
 */
export { createPostgresTrajectoryStore, type PostgresTrajectoryStoreOptions } from './postgres-trajectory-store.js';
