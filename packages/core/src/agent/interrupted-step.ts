import type { Action } from '../action/action.js';
import type { Execution } from '../executor/execution.js';
import type { OutputChunk } from '../executor/executor.js';
import type { TrajectoryStep } from '../trajectory/trajectory-schema.js';

const keptBytes = 256 * 1024;

/**
 * What a running action printed, from its live output: when the run is stopped and the executor
 * gives no execution back, the step still keeps this output (up to 256 KiB a stream).
 */
export class OutputSoFar {
  stdout = '';
  stderr = '';
  dropped = 0;

  add({ stream, text }: OutputChunk): void {
    const room = keptBytes - this[stream].length;
    if (text.length > room) this.dropped += text.length - Math.max(0, room);
    if (room > 0) this[stream] += text.slice(0, room);
  }

  /** The execution of an action interrupted before it returned. */
  interrupted(reason: string, durationMs: number, executionCount: number): Execution {
    return {
      stdout: this.stdout,
      stderr: this.stderr,
      error: { name: 'KeyboardInterrupt', message: reason, traceback: `KeyboardInterrupt: ${reason}\n` },
      artifacts: [],
      executionCount,
      durationMs,
      ...(this.dropped > 0 ? { truncatedBytes: this.dropped } : {}),
    };
  }
}

/**
 * The step for a reply cut short by an abort or the time limit: what was streamed, kept as a message
 * (a half-written action never ran, so code shows as Markdown, not as a cell to re-run).
 */
export function interruptedReplyStep(
  index: number,
  startedAt: Date,
  startMs: number,
  text: string,
  parsed: Action,
): TrajectoryStep {
  const durationMs = performance.now() - startMs;
  return {
    index,
    startedAt: startedAt.toISOString(),
    durationMs,
    reply: { text, finishReason: 'aborted', usage: { inputTokens: 0, outputTokens: 0 }, durationMs },
    action: { type: 'message', text: cutOffText(parsed, text) },
    outcome: 'aborted',
  };
}

function cutOffText(action: Action, raw: string): string {
  const thought = 'thought' in action && action.thought ? `${action.thought}\n\n` : '';
  switch (action.type) {
    case 'message':
      return action.text;
    case 'code':
      return `${thought}\`\`\`python\n${action.code}\n\`\`\``;
    case 'answer':
      return `${thought}${action.answer}`;
    default:
      return raw;
  }
}
