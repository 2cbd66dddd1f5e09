import type { Execution } from '@codeact/core';
import { noOutputMarker } from '@codeact/core';
import { pyHead, pyLength, pyLstrip, pyStrip } from '../python/python-string.js';

/** MINT cuts tool output at this many characters (code points) and appends a marker. */
export const mintOutputLimit = 2000;

/**
 * The text IPython's captured stdout would hold for one cell, as MINT shows it: printed output,
 * then `Out[n]: <value>` for a trailing expression (on its own line when the value spans several),
 * then the traceback. stderr is not part of it (MINT captures stdout only). Empty output becomes
 * `[Executed Successfully with No Output]`; more than 2000 characters are cut with
 * `...\n[Output Truncated]`; the result is stripped.
 */
export function formatMintExecution(execution: Execution): string {
  let output = execution.stdout;
  if (execution.result !== undefined) {
    const separator = execution.result.includes('\n') ? ' \n' : ' ';
    output += `Out[${execution.executionCount}]:${separator}${execution.result}\n`;
  }
  if (execution.error)
    output += execution.error.traceback.endsWith('\n') ? execution.error.traceback : `${execution.error.traceback}\n`;
  if (output === '') output = noOutputMarker;
  if (pyLength(output) > mintOutputLimit) output = `${pyHead(output, mintOutputLimit)}...\n[Output Truncated]`;
  return pyStrip(output);
}

/** The count-down MINT adds to every environment message: steps and proposals left. */
export type MintTurnInfo = { readonly stepsLeft: number; readonly proposalsLeft: number };

/**
 * One environment message (`StepOutput.to_str`): `Observation:`, the observation (or
 * `Your answer is wrong.` when there is none and the step did not succeed), the count-down line,
 * the last-step line when at most one step is left, and optional expert feedback.
 */
export function renderMintEnvironmentMessage(options: {
  /** `undefined` is Python's `None`: a proposal that was checked and not accepted. */
  readonly observation: string | undefined;
  readonly success: boolean;
  readonly turnInfo?: MintTurnInfo | undefined;
  readonly feedback?: string | undefined;
}): string {
  let output = 'Observation:\n';
  if (options.observation !== undefined) output += `${options.observation}\n`;
  else if (!options.success) output += 'Your answer is wrong.\n';
  if (options.turnInfo) {
    const { stepsLeft, proposalsLeft } = options.turnInfo;
    output += `You have ${stepsLeft} steps left and ${proposalsLeft} chances to propose solution left.\n`;
    if (stepsLeft <= 1) output += 'You should take the last step to propose a solution.\n';
  }
  if (options.feedback) output += `\nExpert feedback:\n${options.feedback}\n`;
  return output;
}

/** MINT stores each assistant turn as `Assistant:\n<text>\n` unless the text already starts with `Assistant:`. */
export function storeMintReply(text: string): string {
  return `${pyLstrip(text).startsWith('Assistant:') ? text : `Assistant:\n${text}`}\n`;
}

const countDown =
  /\nYou have -?\d+ steps left and -?\d+ chances to propose solution left\.\n(?:You should take the last step to propose a solution\.\n)?$/;

/**
 * The observation inside a recorded environment message: the text between `Observation:\n` and the
 * count-down (expert feedback dropped); `undefined` for `Your answer is wrong.` (Python's `None`).
 */
export function observationOfMintMessage(message: string): string | undefined {
  let body = message.startsWith('Observation:\n') ? message.slice('Observation:\n'.length) : message;
  const feedback = body.indexOf('\n\nExpert feedback:\n');
  if (feedback !== -1) body = `${body.slice(0, feedback)}\n`;
  const match = countDown.exec(body);
  if (match) body = body.slice(0, match.index + 1);
  const observation = body.endsWith('\n') ? body.slice(0, -1) : body;
  return observation === 'Your answer is wrong.' ? undefined : observation;
}
