import type { FinishReason, LanguageModel, ModelMessage, TokenUsage } from '@codeact/core';

export type MintModelReply = {
  /** The reply up to the first stop sequence (excluded, as servers do). */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: TokenUsage;
  readonly durationMs: number;
};

/**
 * Streams one reply with MINT's generation settings, cutting it client-side before the first stop
 * sequence (servers may ignore them). Unlike core's CodeAct loop it does not stop at `</execute>`:
 * MINT lets a reply hold several blocks and runs them as one cell.
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
    const before = text.length;
    text += part.text;
    const cut = firstStop(text, options.stopSequences, Math.max(0, before - 64));
    if (cut !== undefined) {
      if (cut > before) options.onDelta(text.slice(before, cut));
      text = text.slice(0, cut);
      finishReason = 'stop';
      break;
    }
    options.onDelta(part.text);
  }
  return { text, finishReason, usage, durationMs: performance.now() - started };
}

function firstStop(text: string, stops: readonly string[], from: number): number | undefined {
  let best: number | undefined;
  for (const stop of stops) {
    const index = text.indexOf(stop, from);
    if (index !== -1 && (best === undefined || index < best)) best = index;
  }
  return best;
}
