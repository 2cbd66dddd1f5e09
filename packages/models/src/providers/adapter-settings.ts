import type { ResolveModelOptions } from '../resolve/model-provider.js';

/** The `createAiSdkModel` settings carried by `resolveModel` options. */
export function adapterSettings(options: ResolveModelOptions) {
  return {
    maxRetries: options.maxRetries,
    initialDelayMs: options.initialDelayMs,
    maxDelayMs: options.maxDelayMs,
    onRetry: options.onRetry,
    onWarning: options.onWarning,
    sleep: options.sleep,
  };
}

/** `{ fetch }` when one was injected, for provider settings that do not accept `undefined`. */
export function fetchSetting(options: ResolveModelOptions): { fetch?: typeof globalThis.fetch } {
  return options.fetch === undefined ? {} : { fetch: options.fetch };
}
