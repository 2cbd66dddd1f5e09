import type { FinishReason, LanguageModel, ModelMessage, TokenUsage } from '@codeact/core';

export type MintModelReply = {
  /** The whole reply as the model (or server) returned it. */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: TokenUsage;
  readonly durationMs: number;
};

/**
 * Streams one reply with MINT's generation settings. The stop sequences go to the model, and only
 * there: MINT never cuts a reply itself (spec §1.3, §1.8), so a reply from a server that ignores them
 * (or a recording of one) is classified whole. A model that writes code, an invented `Observation:`
 * and a `<solution>` in one reply has proposed a solution, as MINT scored it. Unlike core's CodeAct
 * loop it does not stop at `</execute>` either: several blocks run as one cell.
 */
export async function callMintModel(options: {
  readonly model: LanguageModel;
  readonly messages: readonly ModelMessage[];
  readonly stopSequences: readonly string[];
  readonly temperature: number;
  readonly maxOutputTokens: number;
  readonly taskId: string;
  readonly abortSignal: AbortSignal;
  readonly onDelta: (text: string) => void;
}): Promise<MintModelReply> {
  const started = performance.now();
  let text = '';
  let finishReason: FinishReason = 'other';
  let usage: TokenUsage = { inputTokens: undefined, outputTokens: undefined };
  for await (const part of options.model.doStream({
    messages: options.messages,
    temperature: options.temperature,
    maxOutputTokens: options.maxOutputTokens,
    stopSequences: options.stopSequences,
    abortSignal: options.abortSignal,
    taskId: options.taskId,
  })) {
    if (part.type === 'finish') {
      finishReason = part.finishReason;
      usage = part.usage;
      continue;
    }
    text += part.text;
    options.onDelta(part.text);
  }
  return { text, finishReason, usage, durationMs: performance.now() - started };
}
