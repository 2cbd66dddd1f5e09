import { ConfigurationError, type LanguageModel } from '@codeact/core';

/** At most `max` model calls per `durationMs`, for one provider. */
export type RateLimit = { readonly max: number; readonly durationMs: number };

const units: Readonly<Record<string, number>> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000 };

/**
 * Parses `--rate` values: `PROVIDER=N/UNIT`, comma-separated or repeated (`openai=60/min,anthropic=50/min`).
 *
 * @example
 * parseRateLimits('openai=60/min') // { openai: { max: 60, durationMs: 60000 } }
 */
export function parseRateLimits(text: string | undefined): Readonly<Record<string, RateLimit>> {
  const limits: Record<string, RateLimit> = {};
  for (const part of (text ?? '').split(',').map((item) => item.trim())) {
    if (!part) continue;
    const match = /^([\w.-]+)=(\d+)\/(s|sec|m|min|h)$/.exec(part);
    if (!match?.[1] || !match[2] || !match[3] || Number(match[2]) < 1)
      throw new ConfigurationError(`--rate ${JSON.stringify(part)} is not PROVIDER=N/UNIT, e.g. openai=60/min.`);
    limits[match[1]] = { max: Number(match[2]), durationMs: units[match[3]] ?? 60_000 };
  }
  return limits;
}

/** `model` with each call waiting for `limiter` (see `createQueueRateLimiter`). */
export function rateLimitedModel(
  model: LanguageModel,
  limiter: { acquire(abortSignal?: AbortSignal): Promise<void> },
): LanguageModel {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    async *doStream(options) {
      await limiter.acquire(options.abortSignal);
      yield* model.doStream(options);
    },
  };
}
