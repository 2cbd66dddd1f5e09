import { type ReactNode, useState } from 'react';
import type { ApprovalRequest } from '../turn-model.js';
import { MarkedText } from './marked-text.js';

/** The user's answer to a tool call that needs approval. */
export type ApprovalAnswer = 'allow' | 'always' | 'deny';

const maxShownChars = 4000;

function showArgs(args: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(args, null, 2) ?? String(args);
  } catch {
    text = String(args);
  }
  return text.length > maxShownChars
    ? `${text.slice(0, maxShownChars)}\n… (${text.length - maxShownChars} more characters)`
    : text;
}

/**
 * Asks whether the agent's code may call a tool marked as needing approval, showing the exact
 * arguments (invisible characters marked). Allow once, always (for this conversation) or deny.
 */
export function ApprovalDialog({
  request,
  onAnswer,
}: {
  readonly request: ApprovalRequest;
  readonly onAnswer: (answer: ApprovalAnswer) => Promise<void>;
}): ReactNode {
  const [sending, setSending] = useState(false);
  const answer = async (value: ApprovalAnswer) => {
    setSending(true);
    try {
      await onAnswer(value);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="approval-backdrop">
      <div className="approval" role="dialog" aria-modal="true" aria-labelledby="approval-title" data-testid="approval">
        <h2 id="approval-title">
          Allow <code>{request.toolName}</code>?
        </h2>
        <p>The agent's code wants to call this tool, which runs outside the sandbox. Its arguments:</p>
        <pre className="approval-args" data-testid="approval-args">
          <MarkedText text={showArgs(request.args)} />
        </pre>
        <div className="approval-actions">
          <button type="button" disabled={sending} onClick={() => void answer('deny')} data-testid="approval-deny">
            Deny
          </button>
          <button type="button" disabled={sending} onClick={() => void answer('always')} data-testid="approval-always">
            Always allow in this conversation
          </button>
          <button
            type="button"
            className="primary"
            disabled={sending}
            onClick={() => void answer('allow')}
            data-testid="approval-allow"
          >
            Allow once
          </button>
        </div>
      </div>
    </div>
  );
}
