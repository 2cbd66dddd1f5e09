/** What an approver is asked: one call of a tool marked `needsApproval`, before it runs. */
export type ToolApprovalRequest = {
  readonly toolName: string;
  /** The validated arguments. */
  readonly args: unknown;
  /** Unique per call; the matching `tool-approval-response` event carries it too. */
  readonly callId: string;
  readonly runId?: string | undefined;
  /** Aborted when the action ends or is interrupted; an approver asking a person should stop asking. */
  readonly abortSignal?: AbortSignal | undefined;
};

export type ToolApprovalDecision = 'allow' | 'deny';

/** Decides whether a call may run. Without one, calls that need approval are denied. */
export type ToolApprover = (request: ToolApprovalRequest) => Promise<ToolApprovalDecision>;

export type ApprovalPolicyOptions = {
  /** Tools allowed without asking: `name`, `server.tool`, or `server.*` for every tool of a server. */
  readonly allow?: readonly string[] | undefined;
  /** Allow every call (`--yes`). */
  readonly yes?: boolean | undefined;
  /** Asked about everything not allowed above; without it those calls are denied. */
  readonly ask?: ToolApprover | undefined;
};

/** Whether `toolName` is covered by one of the `allow` patterns. */
export function matchesToolPattern(toolName: string, patterns: readonly string[]): boolean {
  for (const pattern of patterns) {
    if (pattern === toolName) return true;
    if (pattern.endsWith('.*') && toolName.startsWith(pattern.slice(0, -1))) return true;
  }
  return false;
}

/**
 * An approver from a policy: `yes` allows everything, `allow` names tools allowed outright, `ask`
 * decides the rest, and what is left is denied.
 *
 * @example
 * const approveToolCall = createApprovalPolicy({ allow: ['get_weather', 'github.*'] });
 */
export function createApprovalPolicy(options: ApprovalPolicyOptions): ToolApprover {
  const allow = options.allow ?? [];
  return async (request) => {
    if (options.yes || matchesToolPattern(request.toolName, allow)) return 'allow';
    if (!options.ask) return 'deny';
    return (await options.ask(request)) === 'allow' ? 'allow' : 'deny';
  };
}
