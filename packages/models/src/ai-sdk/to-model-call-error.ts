import { CodeActError, ConfigurationError, ModelCallError } from '@codeact/core';
import { APICallError, LoadAPIKeyError } from 'ai';

/** Provider-specific advice appended to error messages. */
export type ModelErrorHints = {
  /** How to supply a valid key, e.g. `Set OPENAI_API_KEY or pass --api-key.` */
  readonly authentication?: string | undefined;
  /** How to list or choose a model, e.g. `List them with: ollama list.` */
  readonly modelNotFound?: string | undefined;
};

export type ModelErrorContext = {
  readonly provider: string;
  readonly modelId: string;
  readonly hints?: ModelErrorHints | undefined;
};

const contextLengthPattern =
  /context[_ ]length|context window|context size|maximum context|prompt is too long|too many tokens|exceed_context_size/i;
const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const retryableProviderErrorTypes = new Set(['overloaded_error', 'rate_limit_error', 'api_error', 'server_error']);

/**
 * Turns whatever an AI SDK provider threw (or streamed as an error part) into a readable, classified
 * error: `ModelCallError` with `isRetryable` set for rate limits, server and network failures, and
 * `ConfigurationError` for a missing key.
 */
export function toModelCallError(error: unknown, context: ModelErrorContext): ModelCallError | ConfigurationError {
  if (CodeActError.isInstance(error) && (error.code === 'MODEL_CALL' || error.code === 'CONFIGURATION')) {
    return error as ModelCallError | ConfigurationError;
  }
  const { provider, modelId, hints } = context;
  if (LoadAPIKeyError.isInstance(error)) {
    const advice = hints?.authentication ?? error.message;
    return new ConfigurationError(`${provider} needs an API key for model "${modelId}". ${advice}`, { cause: error });
  }
  if (APICallError.isInstance(error)) return fromApiCallError(error, context);
  const networkCode = findNetworkCode(error);
  if (networkCode !== undefined) {
    return new ModelCallError({
      message: `Cannot reach ${provider} (${networkCode}). Check that the server is running and the base URL is right.`,
      isRetryable: true,
      cause: error,
    });
  }
  const providerType = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : undefined;
  return new ModelCallError({
    message: `${provider} failed while streaming model "${modelId}": ${detailOf(error)}`,
    isRetryable: providerType !== undefined && retryableProviderErrorTypes.has(providerType),
    cause: error,
  });
}

function fromApiCallError(error: APICallError, context: ModelErrorContext): ModelCallError {
  const { provider, modelId, hints } = context;
  const status = error.statusCode;
  const detail = detailOf(error);
  const fields = { statusCode: status, responseBody: error.responseBody, cause: error };
  const fail = (message: string, isRetryable = false) => new ModelCallError({ ...fields, message, isRetryable });
  if (status === undefined) {
    const code = findNetworkCode(error.cause);
    return fail(
      `Cannot reach ${provider} at ${originOf(error.url)}${code ? ` (${code})` : ''}: ${detail}. Check that the server is running and the base URL is right.`,
      error.isRetryable,
    );
  }
  if (status === 401 || status === 403) {
    const advice = hints?.authentication ?? 'Check the API key given to the provider.';
    return fail(`${provider} rejected the API key (${status}) for model "${modelId}": ${detail}. ${advice}`);
  }
  if (status === 404) {
    const advice = hints?.modelNotFound ?? 'Check the model name.';
    return fail(
      `${provider} has no model "${modelId}" (404): ${detail}. ${advice} If the name is right, check the base URL (${error.url}).`,
    );
  }
  if (status >= 400 && status < 500 && contextLengthPattern.test(`${error.message} ${error.responseBody ?? ''}`)) {
    return fail(
      `The conversation is too long for model "${modelId}" (${status}): ${detail}. Shorten it (fewer turns, smaller observations) or choose a model with a longer context window.`,
    );
  }
  if (status === 429) return fail(`${provider} rate-limited model "${modelId}" (429): ${detail}.`, true);
  if (status >= 500) return fail(`${provider} had a server error (${status}) for model "${modelId}": ${detail}.`, true);
  return fail(`${provider} rejected the request for model "${modelId}" (${status}): ${detail}.`, error.isRetryable);
}

function detailOf(error: unknown): string {
  let text = '';
  if (APICallError.isInstance(error)) text = error.message.trim() || (error.responseBody ?? '');
  else if (error instanceof Error) text = error.message;
  else if (typeof error === 'object' && error !== null && 'message' in error) text = String(error.message);
  else text = typeof error === 'string' ? error : JSON.stringify(error);
  const oneLine = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine || 'no details';
}

function findNetworkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string' && networkErrorCodes.has(code)) return code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
