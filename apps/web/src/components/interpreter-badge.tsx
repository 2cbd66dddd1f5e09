import type { InterpreterStatus } from '@codeact/server';
import type { ReactNode } from 'react';

/** The conversation's interpreter and its state (idle, rebuilding after a restart, running). */
export function InterpreterBadge({
  name,
  status,
}: {
  readonly name: string;
  readonly status: InterpreterStatus | undefined;
}): ReactNode {
  let text = 'idle';
  if (status?.state === 'restoring') text = `rebuilding state (${status.replayed.length} re-run)`;
  else if (status?.state === 'running')
    text = status.replayed.length > 0 ? `running · ${status.replayed.length} actions re-run` : 'running';
  else if (status && status.pendingReplay > 0)
    text = `idle · ${status.pendingReplay} actions to re-run at the next message`;
  return (
    <span
      className={`badge interpreter ${status?.state ?? 'idle'}`}
      title={status?.description ?? name}
      data-testid="interpreter-status"
    >
      {name}: {text}
    </span>
  );
}
