import { ConfigurationError, type LanguageModel, ModelCallError, type ModelCallOptions } from '@codeact/core';
import { APICallError, type Warning } from 'ai';
import { abortableSleep } from './abortable-sleep.js';
import { type RetrySettings, retryDelayMs } from './retry-delay-ms.js';
import { type AiSdkLanguageModel, streamAiSdkReply } from './stream-ai-sdk-reply.js';
import { type ModelErrorHints, toModelCallError } from './to-model-call-error.js';

/** Reported before each retry. */
export type ModelRetryEvent = {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly error: ModelCallError;
};

export type AiSdkModelSettings = RetrySettings & {
  /** The provider's model object, e.g. `createOpenAI({ apiKey }).chat('gpt-4o')`. */
  readonly model: AiSdkLanguageModel;
  /** Shown in errors and trajectories. Default: the AI SDK provider name before the first dot. */
  readonly provider?: string | undefined;
  /** Default: the AI SDK model id. */
  readonly modelId?: string | undefined;
  /** Advice for authentication and unknown-model errors (which env var or flag to set). */
  readonly hints?: ModelErrorHints | undefined;
  /** Observes retries, e.g. to log "rate limited, retrying in 2 s" to stderr. */
  readonly onRetry?: ((event: ModelRetryEvent) => void) | undefined;
  /** Receives the provider's call warnings (unsupported settings), which the AI SDK would print. */
  readonly onWarning?: ((warnings: readonly Warning[]) => void) | undefined;
  /** Waits between retries and rejects on abort. Inject a fake in tests. */
  readonly sleep?: ((ms: number, abortSignal?: AbortSignal) => Promise<void>) | undefined;
};

/**
 * Adapts any Vercel AI SDK language model to codeact's `LanguageModel` through `streamText`.
 * Rate limits (429), server errors (5xx) and network failures are retried with exponential backoff
 * when no text has been streamed yet; every other failure is thrown at once as a `ModelCallError`
 * (or `ConfigurationError` for a missing key) whose message says how to fix it. Aborting rejects with
 * `abortSignal.reason`.
 *
 * @example
 * ```ts
 * import { createOpenAI } from '@ai-sdk/openai';
 * const model = createAiSdkModel({
 *   model: createOpenAI({ apiKey }).chat('gpt-4o'),
 *   hints: { authentication: 'Set OPENAI_API_KEY or pass --api-key.' },
 * });
 * const { text } = await generateText(model, { messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export function createAiSdkModel(settings: AiSdkModelSettings): LanguageModel {
  const maxRetries = settings.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError(`maxRetries must be a whole number of at least 0, got ${maxRetries}.`);
  }
  const provider = settings.provider ?? settings.model.provider.split('.')[0] ?? settings.model.provider;
  const modelId = settings.modelId ?? settings.model.modelId;
  const context = { provider, modelId, hints: settings.hints };
  const sleep = settings.sleep ?? abortableSleep;

  async function* doStream(options: ModelCallOptions) {
    silenceAiSdkWarningLog();
    for (let attempt = 1; ; attempt++) {
      let streamed = false;
      try {
        for await (const part of streamAiSdkReply(settings.model, options, settings.onWarning)) {
          streamed ||= part.type === 'text-delta';
          yield part;
        }
        return;
      } catch (error) {
        if (options.abortSignal?.aborted) throw options.abortSignal.reason;
        const failure = toModelCallError(error, context);
        if (!(failure instanceof ModelCallError) || !failure.isRetryable) throw failure;
        if (streamed) throw annotate(failure, 'The reply broke off after partial text, so it was not retried.');
        if (attempt > maxRetries) throw attempt > 1 ? annotate(failure, `Gave up after ${attempt} attempts.`) : failure;
        const delayMs = retryDelayMs(
          attempt,
          settings,
          APICallError.isInstance(error) ? error.responseHeaders : undefined,
        );
        settings.onRetry?.({ retry: attempt, delayMs, error: failure });
        await sleep(delayMs, options.abortSignal);
      }
    }
  }

  return { specificationVersion: 'v1', provider, modelId, doStream };
}

function annotate(error: ModelCallError, note: string): ModelCallError {
  return new ModelCallError({
    message: `${error.message} ${note}`,
    statusCode: error.statusCode,
    isRetryable: error.isRetryable,
    responseBody: error.responseBody,
    cause: error.cause,
  });
}

/** The AI SDK prints call warnings unless told not to; they reach callers through `onWarning` instead. */
function silenceAiSdkWarningLog(): void {
  if (globalThis.AI_SDK_LOG_WARNINGS === undefined) globalThis.AI_SDK_LOG_WARNINGS = false;
}
