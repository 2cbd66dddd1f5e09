import type { InterpreterStatus } from '@codeact/server';
import type { ReactNode } from 'react';

/** What the badge says: `running` only while a turn runs; a started interpreter between turns is `ready`. */
export function interpreterText(status: InterpreterStatus | undefined, busy: boolean): string {
  if (status?.state === 'restoring') return `rebuilding state (${status.replayed.length} re-run)`;
  if (status?.state === 'running') {
    const word = busy ? 'running' : 'ready';
    return status.replayed.length > 0 ? `${word} · ${status.replayed.length} actions re-run` : word;
  }
  if (status && status.pendingReplay > 0) return `idle · ${status.pendingReplay} actions to re-run at the next message`;
  return 'idle';
}

/** The conversation's interpreter and its state (idle, rebuilding after a restart, ready, running). */
export function InterpreterBadge({
  name,
  status,
  busy,
}: {
  readonly name: string;
  readonly status: InterpreterStatus | undefined;
  readonly busy: boolean;
}): ReactNode {
  const state = status?.state === 'running' && !busy ? 'ready' : (status?.state ?? 'idle');
  return (
    <span className={`badge interpreter ${state}`} title={status?.description ?? name} data-testid="interpreter-status">
      {name}: {interpreterText(status, busy)}
    </span>
  );
}
