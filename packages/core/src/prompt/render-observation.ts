import type { Execution } from '../executor/execution.js';
import { truncateOutput } from './truncate-output.js';

/** MINT's marker for an action that printed nothing. */
export const noOutputMarker = '[Executed Successfully with No Output]';

export type RenderObservationOptions = {
  /** Budget for the rendered output, in characters. Default 8,000. */
  readonly maxChars?: number;
  /** Prefix line. Default `Observation:`. */
  readonly prefix?: string;
};

/**
 * The text the model sees after an action: stdout, stderr, the trailing expression's value
 * (`Out[n]: …`), the traceback, figure placeholders and restart notices, head/tail-truncated.
 */
export function renderObservation(execution: Execution, options: RenderObservationOptions = {}): string {
  const parts: string[] = [];
  if (execution.stdout) parts.push(execution.stdout);
  if (execution.stderr) parts.push(execution.stderr);
  if (execution.result !== undefined) parts.push(`Out[${execution.executionCount}]: ${execution.result}\n`);
  if (execution.error) parts.push(execution.error.traceback);
  let output = parts
    .map((part) => (part.endsWith('\n') ? part : `${part}\n`))
    .join('')
    .trimEnd();
  if (execution.truncatedBytes) output += `\n[output capped: ${execution.truncatedBytes} more bytes were not captured]`;
  output = truncateOutput(output, options.maxChars ?? 8000);
  const notes: string[] = execution.artifacts.map((artifact) => `[${artifact.name} was shown to the user]`);
  if (execution.stateLost) {
    notes.push(
      '[The Python interpreter was restarted: variables, imports and functions from earlier actions are lost.]',
    );
  }
  const body = [output || (notes.length > 0 ? '' : noOutputMarker), ...notes].filter(Boolean).join('\n');
  const prefix = options.prefix ?? 'Observation:';
  return prefix ? `${prefix}\n${body}` : body;
}
