import { ConfigurationError, ModelCallError } from '@codeact/core';
import { APICallError, LoadAPIKeyError } from 'ai';
import { describe, expect, it } from 'vitest';
import { toModelCallError } from './to-model-call-error.js';

const context = { provider: 'openai', modelId: 'gpt-4o', hints: { authentication: 'Set OPENAI_API_KEY.' } };

function apiCallError(statusCode: number, message: string, responseBody = '{}') {
  return new APICallError({
    message,
    url: 'https://api.openai.com/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseBody,
  });
}

describe('toModelCallError', () => {
  it('returns codeact errors unchanged', () => {
    const error = new ModelCallError({ message: 'already classified' });
    expect(toModelCallError(error, context)).toBe(error);
  });

  it('turns a missing key into a ConfigurationError with the hint', () => {
    const error = toModelCallError(new LoadAPIKeyError({ message: 'OpenAI API key is missing.' }), context);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('openai needs an API key for model "gpt-4o". Set OPENAI_API_KEY.');
  });

  it('treats 403 like 401', () => {
    const error = toModelCallError(apiCallError(403, 'Project does not have access to model gpt-4o'), context);
    expect(error).toMatchObject({ statusCode: 403, isRetryable: false });
    expect(error.message).toBe(
      'openai rejected the API key (403) for model "gpt-4o": Project does not have access to model gpt-4o. Set OPENAI_API_KEY.',
    );
  });

  it('marks 408, 409, 429 and 5xx retryable and other 4xx not', () => {
    const retryable = (status: number) =>
      (toModelCallError(apiCallError(status, 'x'), context) as ModelCallError).isRetryable;
    expect([408, 409, 429, 500, 502, 503, 529].map(retryable)).toEqual([true, true, true, true, true, true, true]);
    expect([400, 401, 404, 422].map(retryable)).toEqual([false, false, false, false]);
  });

  it('detects a context-length error from the response body alone', () => {
    const body =
      '{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_ctx":4096}}';
    const error = toModelCallError(apiCallError(400, 'Bad Request', body), context);
    expect(error.message).toMatch(/^The conversation is too long for model "gpt-4o" \(400\): Bad Request\./);
  });

  it('classifies a raw network failure', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' });
    const error = toModelCallError(new TypeError('fetch failed', { cause }), context);
    expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
    expect(error.message).toBe(
      'Cannot reach openai (ENOTFOUND). Check that the server is running and the base URL is right.',
    );
  });

  it('retries an overloaded error streamed as a plain object, but not an unknown one', () => {
    const overloaded = toModelCallError({ type: 'overloaded_error', message: 'Overloaded' }, context);
    expect(overloaded).toMatchObject({ isRetryable: true });
    expect(overloaded.message).toBe('openai failed while streaming model "gpt-4o": Overloaded');
    const invalid = toModelCallError({ type: 'invalid_request_error', message: 'bad' }, context);
    expect(invalid).toMatchObject({ isRetryable: false });
  });

  it('shortens a long provider message to one line', () => {
    const error = toModelCallError(apiCallError(400, `line one\n${'x'.repeat(500)}`), context);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('…');
    expect(error.message.length).toBeLessThan(420);
  });
});
