import type { TrajectoryStore } from '@codeact/core';
import type { InterpreterCatalog, ModelCatalog } from './conversations/catalogs.js';
import type { AgentSettings, ConversationLimits, ServerTools } from './conversations/conversation-options.js';
import type { Logger } from './logging/logger.js';
import type { AccessToken } from './security/access-control.js';

/** Request, size and rate limits of the HTTP API (see docs/serve.md). */
export type ServerLimits = ConversationLimits & {
  /** Largest JSON body. Default 1 MiB. */
  readonly maxJsonBytes: number;
  /** Largest single upload. Default 25 MiB. */
  readonly maxUploadBytes: number;
  /** Bytes a conversation's work dir may hold. Default 200 MiB. */
  readonly workDirQuotaBytes: number;
  /** API requests per client address: sustained per minute, and burst. Default 600 / 200. */
  readonly requestsPerMinute: number;
  readonly requestBurst: number;
  /** Messages a user may post: per minute and burst. Default 30 / 10. */
  readonly messagesPerMinute: number;
  readonly messageBurst: number;
  /** Failed or attempted logins per client address per minute (burst the same). Default 10. */
  readonly loginsPerMinute: number;
  /** Event streams a user may hold open. Default 32. */
  readonly maxStreamsPerUser: number;
};

export const defaultServerLimits: Omit<ServerLimits, keyof ConversationLimits> = {
  maxJsonBytes: 1024 * 1024,
  maxUploadBytes: 25 * 1024 * 1024,
  workDirQuotaBytes: 200 * 1024 * 1024,
  requestsPerMinute: 600,
  requestBurst: 200,
  messagesPerMinute: 30,
  messageBurst: 10,
  loginsPerMinute: 10,
  maxStreamsPerUser: 32,
};

export type ServerOptions = {
  readonly store: TrajectoryStore;
  readonly models: ModelCatalog;
  readonly interpreters: InterpreterCatalog;
  /** Conversation work dirs go to `<workRoot>/<conversation id>`; keep it apart from the store's files. */
  readonly workRoot: string;
  /** Who may call the API. Every request needs one of these tokens (or the session cookie it grants). */
  readonly tokens: readonly AccessToken[];
  /** Host names accepted besides localhost, 127.0.0.1 and [::1] (e.g. the LAN name with `--allow-remote`). */
  readonly allowedHosts?: readonly string[];
  /** Directory of the built web UI (the CLI passes `apps/web/dist`); without it only the API is served. */
  readonly webRoot?: string;
  readonly logger?: Logger;
  readonly agent?: AgentSettings;
  readonly limits?: Partial<ServerLimits>;
  /** Python names of tools in the sandbox (re-running code that calls them is never safe). */
  readonly toolNames?: readonly string[];
  /** Tools for every conversation (their host tools' names count as `toolNames` too). */
  readonly tools?: ServerTools;
};
