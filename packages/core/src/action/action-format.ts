import type { FinishReason } from '../model/language-model.js';
import type { Tool } from '../tool/define-tool.js';
import type { Action } from './action.js';

/** A parsed reply: the text to keep in the conversation and the action in it. */
export type ParsedReply = {
  /** The reply as stored in the history (cut after the first action, unterminated tags closed). */
  readonly text: string;
  readonly action: Action;
  /** Told to the model with the observation, e.g. that a second action in the reply was not run. */
  readonly note?: string | undefined;
};

/**
 * How actions are written in model replies and how replies are read back (specification v1).
 * `codeActFormat` (XML tags, the paper's CodeAct) is the default; benchmarks add JSON and text formats.
 */
export interface ActionFormat {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** Passed to the model; replies are still cut client-side because servers may ignore them. */
  readonly stopSequences: readonly string[];
  /** Total: never throws, every input maps to exactly one action. */
  parse(reply: string, options?: { finishReason?: FinishReason | undefined }): ParsedReply;
  /** The instructions for the system prompt, listing `tools`. */
  instructions(tools: readonly Tool[]): string;
}
