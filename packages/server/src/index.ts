/**
 * The codeact chat server: a Hono app with a JSON API, an event stream per conversation carrying the
 * core `AgentEvent` union unchanged, and the web UI. Implementations (store, models, interpreters)
 * are injected.
 * @module
 */
export {
  createInterpreterCatalog,
  createModelCatalog,
  type InterpreterCatalog,
  type InterpreterEntry,
  type ModelCatalog,
} from './conversations/catalogs.js';
export {
  type AgentSettings,
  type ConversationLimits,
  defaultConversationLimits,
  type ServerTools,
} from './conversations/conversation-options.js';
export { ConversationService } from './conversations/conversation-service.js';
export type { SequencedEvent } from './conversations/live-conversation.js';
export { findSideEffect, planReplay, type ReplayPlan, type ReplayStep } from './conversations/replay-plan.js';
export { type CodeActServer, createServer } from './create-server.js';
export { exportNotebook, type Notebook } from './export/export-notebook.js';
export {
  type CreateLoggerOptions,
  createLogger,
  createMemoryLogger,
  type Logger,
  type LogLevel,
  type LogRecord,
} from './logging/logger.js';
export type { AppType } from './routes/api-routes.js';
export { type AccessToken, generateAccessToken } from './security/access-control.js';
export { contentSecurityPolicy } from './security/browser-hardening.js';
export { isSafeFileName } from './security/safe-file-name.js';
export { defaultServerLimits, type ServerLimits, type ServerOptions } from './server-options.js';
export type {
  ActiveTurn,
  ConversationDetail,
  ConversationSummary,
  ConversationTotals,
  InterpreterInfo,
  InterpreterStatus,
  ModelInfo,
  ServerEvent,
  ServerEventName,
  StepRef,
  TurnEnd,
  TurnView,
  UploadNote,
  WorkDirFile,
} from './server-types.js';
export { type RawSseMessage, readSseMessages } from './sse/read-sse-messages.js';
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from './start-server.js';
