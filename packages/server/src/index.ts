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
  ConversationService,
  defaultConversationLimits,
  type SequencedEvent,
} from './conversations/conversation-service.js';
export { findSideEffect, planReplay, type ReplayPlan, type ReplayStep } from './conversations/replay-plan.js';
export {
  type AppType,
  type CodeActServer,
  createServer,
  defaultServerLimits,
  defaultWebRoot,
  type ServerLimits,
  type ServerOptions,
} from './create-server.js';
export { exportNotebook, type Notebook } from './export/export-notebook.js';
export {
  type CreateLoggerOptions,
  createLogger,
  createMemoryLogger,
  type Logger,
  type LogLevel,
  type LogRecord,
} from './logging/logger.js';
export { type AccessToken, generateAccessToken } from './security/access-control.js';
export { contentSecurityPolicy } from './security/browser-hardening.js';
export { isSafeFileName } from './security/safe-file-name.js';
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
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from './start-server.js';
