import type { StepRef } from '@codeact/server';
import type { ReactNode } from 'react';
import type { TurnModel } from '../turn-model.js';
import { type ReplayMark, StepBlock } from './step-block.js';

function formatUsage(turn: TurnModel): string | undefined {
  if (!turn.usage) return undefined;
  const tokens = `${turn.usage.inputTokens.toLocaleString('en')} in · ${turn.usage.outputTokens.toLocaleString('en')} out tokens`;
  return turn.costUsd === undefined ? tokens : `${tokens} · $${turn.costUsd.toFixed(4)}`;
}

const statusText: Record<string, string> = {
  'max-turns': 'Stopped: the turn limit was reached.',
  'time-limit': 'Stopped: the time limit was reached.',
  stuck: 'Stopped: the agent was stuck.',
  aborted: 'Stopped by the user.',
  error: 'The run failed.',
};

/** A user message and everything the agent did in reply. */
export function TurnBlock({
  turn,
  replayed,
  lostAt,
  firstCell,
}: {
  readonly turn: TurnModel;
  /** The number of this turn's first code cell in the conversation. */
  readonly firstCell: number;
  readonly replayed: readonly StepRef[];
  readonly lostAt?: (StepRef & { reason: string }) | undefined;
}): ReactNode {
  const markFor = (step: number): ReplayMark | undefined => {
    if (!turn.runId) return undefined;
    if (replayed.some((ref) => ref.runId === turn.runId && ref.step === step)) return { kind: 'replayed' };
    if (lostAt && lostAt.runId === turn.runId && lostAt.step === step)
      return { kind: 'not-replayed', reason: lostAt.reason };
    return undefined;
  };
  const usage = formatUsage(turn);
  let cellNumber = firstCell;
  const problem = turn.status && statusText[turn.status];
  return (
    <section className="turn" data-testid="turn">
      <div className="user-message" data-testid="user-message">
        <div className="text">{turn.prompt}</div>
        {turn.uploads.length > 0 && (
          <div className="uploads">
            {turn.uploads.map((upload) => (
              <span key={upload.name} className="chip">
                {upload.name}
              </span>
            ))}
          </div>
        )}
      </div>
      <div className="agent">
        {turn.steps.map((step) => {
          const cell = step.action?.type === 'code' && (step.execution || step.executing) ? cellNumber++ : undefined;
          return <StepBlock key={step.index} step={step} mark={markFor(step.index)} cellNumber={cell} />;
        })}
        {turn.live && turn.steps.length === 0 && <p className="notice muted">Starting…</p>}
        {problem && !turn.live && (
          <p className="notice warn" data-testid="turn-problem">
            {problem} {turn.error ? turn.error.message : (turn.reason ?? '')}
          </p>
        )}
        {usage && !turn.live && <p className="usage">{usage}</p>}
      </div>
    </section>
  );
}
