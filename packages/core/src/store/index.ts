export {
  createMemoryTrajectoryStore,
  type MemoryTrajectoryStoreOptions,
} from './memory-trajectory-store.js';
export {
  type ConversationRowFields,
  conversationFromRow,
  type MessageRowFields,
  messageFromRow,
} from './store-rows.js';
export { parseStoreCursor, resolveStorePageSize, validateTrajectoryForStore } from './store-support.js';
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
