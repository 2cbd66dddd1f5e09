import type { ModelCallOptions, ModelStreamPart } from '@codeact/core';
import { type LanguageModel, streamText, type Warning } from 'ai';
import { extractCostUsd } from './extract-cost-usd.js';
import { mapFinishReason } from './map-finish-reason.js';

/** A language model object from an AI SDK provider (`openai.chat('gpt-4o')`), not a gateway id string. */
export type AiSdkLanguageModel = Exclude<LanguageModel, string>;

/**
 * One attempt through `streamText`, without retries. Provider errors are thrown from iteration,
 * never logged: `streamText` would print them to the console by default.
 */
export async function* streamAiSdkReply(
  model: AiSdkLanguageModel,
  options: ModelCallOptions,
  onWarning: ((warnings: readonly Warning[]) => void) | undefined,
): AsyncGenerator<ModelStreamPart> {
  const result = streamText({
    model,
    messages: options.messages.map((message) => ({ role: message.role, content: message.content })),
    // The system prompt comes from the agent, not from untrusted input.
    allowSystemInMessages: true,
    maxRetries: 0,
    onError: () => {},
    ...definedSettings(options),
  });
  let costUsd: number | undefined;
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        if (part.text !== '') yield { type: 'text-delta', text: part.text };
        break;
      case 'start-step':
        if (part.warnings.length > 0) onWarning?.(part.warnings);
        break;
      case 'finish-step': {
        const stepCost = extractCostUsd(part.usage, part.providerMetadata);
        if (stepCost !== undefined) costUsd = (costUsd ?? 0) + stepCost;
        break;
      }
      case 'finish': {
        const usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
        const finishReason = mapFinishReason(part.finishReason);
        yield costUsd === undefined
          ? { type: 'finish', finishReason, usage }
          : { type: 'finish', finishReason, usage, costUsd };
        return;
      }
      case 'error':
        throw part.error;
      case 'abort':
        throw options.abortSignal?.reason ?? new DOMException('The model call was aborted.', 'AbortError');
      default:
        // Reasoning, sources and tool parts: a CodeAct reply is plain text.
        break;
    }
  }
  yield { type: 'finish', finishReason: 'other', usage: { inputTokens: undefined, outputTokens: undefined } };
}

function definedSettings(options: ModelCallOptions) {
  return {
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
    ...(options.stopSequences === undefined ? {} : { stopSequences: [...options.stopSequences] }),
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
  };
}
