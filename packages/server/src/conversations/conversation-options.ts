import type { AgentOptions, Tool, ToolHost, TrajectoryStore } from '@codeact/core';
import type { Logger } from '../logging/logger.js';
import type { InterpreterCatalog, ModelCatalog } from './catalogs.js';

/** Loop settings applied to every turn. */
export type AgentSettings = Pick<
  AgentOptions,
  'maxTurns' | 'maxOutputTokens' | 'temperature' | 'actionTimeoutMs' | 'timeLimitMs' | 'secrets'
>;

/** Tools every conversation's interpreter gets (`codeact serve --tools/--mcp`). */
export type ServerTools = {
  /** Installed in every session; its tools run on the host. */
  readonly toolHost: ToolHost;
  /** The tools listed in the system prompt. */
  readonly listed: readonly Tool[];
  /** Appended to the system prompt (MCP server instructions, functions of `.py` tools files). */
  readonly promptNotes?: string | undefined;
};

export type ConversationLimits = {
  /** Turns running at once over all conversations. Default 16. */
  readonly maxConcurrentRuns: number;
  /** Interpreters kept running; the least recently used idle one is stopped past this. Default 32. */
  readonly maxLiveSessions: number;
  /** An interpreter idle this long is stopped (and rebuilt by replay when needed). Default 30 min. */
  readonly sessionIdleMs: number;
  /** Longest user message, in characters. Default 32,000. */
  readonly maxPromptChars: number;
  /** Earlier actions re-run at most to rebuild an interpreter. Default 100. */
  readonly maxReplaySteps: number;
  /** Events kept per conversation for late subscribers. Default 20,000. */
  readonly maxBufferedEvents: number;
};

export const defaultConversationLimits: ConversationLimits = {
  maxConcurrentRuns: 16,
  maxLiveSessions: 32,
  sessionIdleMs: 30 * 60_000,
  maxPromptChars: 32_000,
  maxReplaySteps: 100,
  maxBufferedEvents: 20_000,
};

export type ConversationServiceOptions = {
  readonly store: TrajectoryStore;
  readonly models: ModelCatalog;
  readonly interpreters: InterpreterCatalog;
  /** Parent of the per-conversation work dirs (`<workRoot>/<conversation id>`). */
  readonly workRoot: string;
  readonly logger: Logger;
  readonly agent?: AgentSettings;
  readonly limits?: Partial<ConversationLimits>;
  /** Names of tools available in the sandbox: re-running code that calls them is never safe. */
  readonly toolNames?: readonly string[];
  readonly tools?: ServerTools;
  readonly now?: () => Date;
};
