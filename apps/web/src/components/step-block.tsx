import type { Execution } from '@codeact/core';
import type { ReactNode } from 'react';
import { Markdown } from '../markdown.js';
import type { StepModel } from '../turn-model.js';
import { HighlightedCode } from './highlighted-code.js';

export type ReplayMark = { readonly kind: 'replayed' } | { readonly kind: 'not-replayed'; readonly reason: string };

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

function ExecutionOutput({ execution }: { readonly execution: Execution }): ReactNode {
  return (
    <div className="execution" data-testid="execution">
      {execution.stdout && <pre className="output stdout">{execution.stdout}</pre>}
      {execution.stderr && <pre className="output stderr">{execution.stderr}</pre>}
      {execution.result !== undefined && <pre className="output result">{execution.result}</pre>}
      {execution.artifacts.map((artifact) =>
        base64.test(artifact.data) ? (
          <figure key={artifact.name} className="artifact">
            <img src={`data:image/png;base64,${artifact.data}`} alt={artifact.name} />
            <figcaption>{artifact.name}</figcaption>
          </figure>
        ) : null,
      )}
      {execution.error && (
        <pre className="output traceback" data-testid="traceback">
          {execution.error.traceback || `${execution.error.name}: ${execution.error.message}`}
        </pre>
      )}
      {execution.truncatedBytes ? (
        <p className="notice">Output truncated: {execution.truncatedBytes} bytes not shown.</p>
      ) : null}
      {execution.timedOut && <p className="notice warn">The action ran out of time and was stopped.</p>}
      {execution.stateLost && <p className="notice warn">The interpreter was restarted: earlier variables are gone.</p>}
      {!execution.stdout &&
        !execution.stderr &&
        execution.result === undefined &&
        !execution.error &&
        execution.artifacts.length === 0 && <p className="notice muted">No output.</p>}
    </div>
  );
}

/** One step of a turn: the thought, the code with its output, or the answer. */
export function StepBlock({
  step,
  mark,
  cellNumber,
}: {
  readonly step: StepModel;
  readonly mark?: ReplayMark | undefined;
  /** The cell's number in the conversation (the interpreter's own count restarts after a restore). */
  readonly cellNumber?: number | undefined;
}): ReactNode {
  const action = step.action;
  if (!action) {
    return (
      <div className="step streaming" data-testid="streaming">
        <Markdown text={step.text} />
        <span className="cursor" aria-hidden="true" />
      </div>
    );
  }
  switch (action.type) {
    case 'code':
      return (
        <div className="step" data-testid="code-step">
          {action.thought && (
            <div className="thought">
              <Markdown text={action.thought} />
            </div>
          )}
          <div className="cell">
            <div className="cell-header">
              <span>Python</span>
              {cellNumber !== undefined && (
                <span className="count" data-testid="cell-number">
                  [{step.execution ? cellNumber : '*'}]
                </span>
              )}
              {mark?.kind === 'replayed' && (
                <span
                  className="badge replayed"
                  title="Re-run after a restart to rebuild the interpreter state"
                  data-testid="replayed"
                >
                  ↻ re-run after restart
                </span>
              )}
              {mark?.kind === 'not-replayed' && (
                <span className="badge lost" title={mark.reason}>
                  not re-run: {mark.reason}
                </span>
              )}
              {step.executing && <span className="badge running">running…</span>}
            </div>
            <HighlightedCode code={action.code} />
            {step.execution && <ExecutionOutput execution={step.execution} />}
            {!step.execution && step.liveOutput && step.liveOutput.length > 0 && (
              <div className="execution live" data-testid="live-output">
                {step.liveOutput.map((chunk, index) => (
                  <pre key={index} className={`output ${chunk.stream}`}>
                    {chunk.text}
                  </pre>
                ))}
              </div>
            )}
          </div>
        </div>
      );
    case 'answer':
      return (
        <div className="step">
          {action.thought && (
            <div className="thought">
              <Markdown text={action.thought} />
            </div>
          )}
          <div className="answer" data-testid="answer">
            <div className="label">Answer</div>
            <Markdown text={action.answer} />
          </div>
        </div>
      );
    case 'message':
      return (
        <div className="step agent-message" data-testid="agent-message">
          <Markdown text={action.text} />
        </div>
      );
    case 'tool-call':
      return (
        <div className="step notice muted">
          Called <code>{action.toolName}</code>
        </div>
      );
    case 'invalid':
      return (
        <div className="step">
          <div className="streaming-text">
            <Markdown text={step.text} />
          </div>
          <p className="notice muted">Reply not understood ({action.reason}); the agent was asked to try again.</p>
        </div>
      );
    default:
      return action satisfies never;
  }
}
