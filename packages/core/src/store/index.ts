export { capArtifacts, defaultMaxArtifactBytes } from './cap-artifacts.js';
export { createSqlTrajectoryStore, type SqlTrajectoryStoreOptions } from './create-sql-trajectory-store.js';
export {
  createMemoryTrajectoryStore,
  type MemoryTrajectoryStoreOptions,
} from './memory-trajectory-store.js';
export type { SqlClient, SqlDialect, SqlQueryResult } from './sql-dialect.js';
export { type SqlSchemaTypes, sqlStoreSchema } from './sql-store-schema.js';
export {
  Conversation,
  ConversationMessage,
  type ConversationPatch,
  type ConversationQuery,
  iterateTrajectories,
  type NewConversation,
  type NewConversationMessage,
  type OwnerScope,
  type Page,
  type SaveTrajectoryOptions,
  type TrajectoryQuery,
  type TrajectoryStore,
} from './trajectory-store.js';
