import type { ModelMessage } from './model-message.js';

/** Token counts reported by a provider (or estimated by a local model). */
export type TokenUsage = {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
};

export type FinishReason = 'stop' | 'length' | 'error' | 'other';

/** One piece of a streamed model reply. */
export type ModelStreamPart =
  | { readonly type: 'text-delta'; readonly text: string }
  | {
      readonly type: 'finish';
      readonly finishReason: FinishReason;
      readonly usage: TokenUsage;
      /** Provider cost in USD when it reports one. */
      readonly costUsd?: number;
    };

export type ModelCallOptions = {
  readonly messages: readonly ModelMessage[];
  readonly temperature?: number | undefined;
  readonly maxOutputTokens?: number | undefined;
  readonly stopSequences?: readonly string[] | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /**
   * The task the call belongs to, when the run has one (a benchmark episode id). Scripted and replayed
   * models use it to pick the right replies; real models ignore it.
   */
  readonly taskId?: string | undefined;
};

/**
 * The model interface the loop talks to (specification v1). Implementations: the scripted model in
 * core, the AI SDK adapter, replay and local llama.cpp models in `@codeact/models`.
 */
export interface LanguageModel {
  readonly specificationVersion: 'v1';
  /** For example `openai`, `script`, `local`. */
  readonly provider: string;
  readonly modelId: string;
  /**
   * Streams one reply. Implementations honour `abortSignal` and end with exactly one `finish` part.
   * Prefixed `do` because callers should go through the agent loop or `generateText`.
   */
  doStream(options: ModelCallOptions): AsyncIterable<ModelStreamPart>;
}

/** Drains `doStream` into one reply. */
export async function generateText(
  model: LanguageModel,
  options: ModelCallOptions,
): Promise<{ text: string; finishReason: FinishReason; usage: TokenUsage; costUsd?: number }> {
  let text = '';
  let finish: Extract<ModelStreamPart, { type: 'finish' }> | undefined;
  for await (const part of model.doStream(options)) {
    if (part.type === 'text-delta') text += part.text;
    else finish = part;
  }
  const usage = finish?.usage ?? { inputTokens: undefined, outputTokens: undefined };
  const result = { text, finishReason: finish?.finishReason ?? ('other' as const), usage };
  return finish?.costUsd === undefined ? result : { ...result, costUsd: finish.costUsd };
}
