/** How `createAiSdkModel` retries rate limits, server errors and network failures. */
export type RetrySettings = {
  /** Retries after the first attempt. Default 2 (three attempts in all). */
  readonly maxRetries?: number | undefined;
  /** Wait before the first retry; doubled for each further retry. Default 1000. */
  readonly initialDelayMs?: number | undefined;
  /** Upper bound for any single wait, including one the server asks for. Default 30000. */
  readonly maxDelayMs?: number | undefined;
};

/**
 * The wait before retry number `retry` (1-based): the server's `retry-after-ms` / `retry-after` when
 * present, otherwise exponential backoff; never more than `maxDelayMs`.
 */
export function retryDelayMs(
  retry: number,
  settings: RetrySettings,
  responseHeaders: Readonly<Record<string, string>> | undefined,
  now: () => number = Date.now,
): number {
  const maxDelayMs = settings.maxDelayMs ?? 30_000;
  const requested = parseRetryAfterMs(responseHeaders, now);
  const delayMs = requested ?? (settings.initialDelayMs ?? 1000) * 2 ** (retry - 1);
  return Math.max(0, Math.min(maxDelayMs, delayMs));
}

function parseRetryAfterMs(
  headers: Readonly<Record<string, string>> | undefined,
  now: () => number,
): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const milliseconds = Number.parseFloat(lower['retry-after-ms'] ?? '');
  if (Number.isFinite(milliseconds)) return milliseconds;
  const retryAfter = lower['retry-after'];
  if (retryAfter === undefined) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : date - now();
}
