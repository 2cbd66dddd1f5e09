import type { ToolApprover } from './tool-approval.js';

/** Calls allowed before further ones fail with `ToolError`. */
export type ToolCallBudget = {
  /** Per action (one `execute`). Default 1,000. */
  readonly perAction?: number | undefined;
  /** Per run (shared by every action given the same `run` object). Default 10,000. */
  readonly perRun?: number | undefined;
};

/**
 * What the tool calls of one action share, passed from the agent loop through the executor to the
 * tool host: who approves calls and the budgets that count them. Executors create an empty scope per
 * action when none is given, so the per-action budget always applies.
 */
export type ToolCallScope = {
  /** Decides calls of tools that need approval; without it they are denied (`PermissionError`). */
  readonly approveToolCall?: ToolApprover | undefined;
  readonly runId?: string | undefined;
  /** Any object identifying the run; scopes sharing it share the per-run budget. */
  readonly run?: object | undefined;
  /** Removes known secrets from tool error messages (on top of the tool host's own). */
  readonly redact?: ((text: string) => string) | undefined;
  /** Overrides the tool host's budgets. */
  readonly budget?: ToolCallBudget | undefined;
};
