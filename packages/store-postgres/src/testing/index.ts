/**
 * A throwaway real PostgreSQL for tests: `@codeact/store-postgres/testing`.
 * @module
 */
export {
  type StartTemporaryPostgresOptions,
  startTemporaryPostgres,
  type TemporaryPostgres,
} from './start-temporary-postgres.js';
