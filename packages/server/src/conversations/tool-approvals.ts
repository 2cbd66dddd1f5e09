import type { ToolApprovalDecision, ToolApprovalRequest, ToolApprover } from '@codeact/core';

/** How the user answered: once, for the rest of the conversation, or not at all. */
export type ApprovalAnswer = 'allow' | 'always' | 'deny';

type Pending = { readonly toolName: string; readonly settle: (decision: ToolApprovalDecision) => void };

/**
 * A conversation's tool approvals: requests waiting for the user (answered over HTTP) and the tools
 * the user allowed for the rest of the conversation (kept while the server runs).
 */
export class ToolApprovals {
  private readonly pending = new Map<string, Pending>();
  private readonly always = new Set<string>();

  /** The approver a turn's agent asks: allowed-always tools pass, others wait for `answer`. */
  readonly approver: ToolApprover = (request: ToolApprovalRequest) => {
    if (this.always.has(request.toolName)) return Promise.resolve('allow');
    return new Promise<ToolApprovalDecision>((resolve) => {
      const signal = request.abortSignal;
      const settle = (decision: ToolApprovalDecision) => {
        this.pending.delete(request.callId);
        signal?.removeEventListener('abort', onAbort);
        resolve(decision);
      };
      const onAbort = () => settle('deny');
      if (signal?.aborted) return settle('deny');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(request.callId, { toolName: request.toolName, settle });
    });
  };

  /** Answers a waiting request; `false` when no request with that id is waiting. */
  answer(callId: string, answer: ApprovalAnswer): boolean {
    const waiting = this.pending.get(callId);
    if (!waiting) return false;
    if (answer === 'always') this.always.add(waiting.toolName);
    waiting.settle(answer === 'deny' ? 'deny' : 'allow');
    return true;
  }

  /** Denies everything still waiting (the turn ended). */
  denyAll(): void {
    for (const waiting of [...this.pending.values()]) waiting.settle('deny');
  }
}
