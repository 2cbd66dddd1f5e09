import { generateText } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { createRecordedFetch, json, sse } from '../__fixtures__/recorded-fetch.js';
import { resolveModel } from '../resolve/resolve-model.js';

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('openai-compatible:', () => {
  it('needs a base URL and says how to give one', async () => {
    await expect(resolveModel('openai-compatible:qwen', { env: {} })).rejects.toThrow(
      "openai-compatible:qwen needs the server's URL: pass --base-url (e.g. http://localhost:8000/v1) or set CODEACT_BASE_URL.",
    );
  });

  it('rejects a base URL without a scheme', async () => {
    await expect(resolveModel('openai-compatible:qwen', { env: {}, baseURL: 'localhost:8000/v1' })).rejects.toThrow(
      '--base-url "localhost:8000/v1" is not an http(s) URL. Include the scheme and path, e.g. http://localhost:8000/v1.',
    );
  });

  it('calls a local server without a key', async () => {
    const { fetch, requests } = createRecordedFetch([sse('vllm-chat-stream-length.sse')]);
    const model = await resolveModel('openai-compatible:Qwen/Qwen2.5-Coder-7B-Instruct', {
      env: {},
      baseURL: 'http://localhost:8000/v1',
      fetch,
    });
    const result = await generateText(model, { ...ask, stopSequences: ['</execute>'], temperature: 0 });

    expect(result.finishReason).toBe('length');
    expect(requests[0]?.url).toBe('http://localhost:8000/v1/chat/completions');
    expect(requests[0]?.headers).not.toHaveProperty('authorization');
    expect(requests[0]?.body).toMatchObject({
      model: 'Qwen/Qwen2.5-Coder-7B-Instruct',
      stop: ['</execute>'],
      temperature: 0,
    });
  });

  it('sends CODEACT_API_KEY but never OPENAI_API_KEY to a server named by CODEACT_BASE_URL', async () => {
    const { fetch, requests } = createRecordedFetch([
      sse('vllm-chat-stream-length.sse'),
      sse('vllm-chat-stream-length.sse'),
    ]);
    const env = { CODEACT_BASE_URL: 'http://gpu:8000/v1', OPENAI_API_KEY: 'sk-openai' };
    await generateText(await resolveModel('openai-compatible:m', { env, fetch }), ask);
    await generateText(
      await resolveModel('openai-compatible:m', { env: { ...env, CODEACT_API_KEY: 'token' }, fetch }),
      ask,
    );
    expect(requests.map((request) => request.headers.authorization)).toEqual([undefined, 'Bearer token']);
  });

  it('pairs OPENAI_API_KEY with OPENAI_BASE_URL', async () => {
    const { fetch, requests } = createRecordedFetch([sse('vllm-chat-stream-length.sse')]);
    const env = { OPENAI_BASE_URL: 'https://llm.internal/v1', OPENAI_API_KEY: 'sk-internal' };
    await generateText(await resolveModel('openai-compatible:m', { env, fetch }), ask);
    expect([requests[0]?.url, requests[0]?.headers.authorization]).toEqual([
      'https://llm.internal/v1/chat/completions',
      'Bearer sk-internal',
    ]);
  });

  it('points an unknown model at the server’s model list', async () => {
    const { fetch } = createRecordedFetch([json(404, 'ollama-404-model-not-found.json')]);
    const model = await resolveModel('openai-compatible:qwen2.5-coder:7b', {
      env: {},
      baseURL: 'http://box:11434/v1',
      fetch,
    });
    await expect(generateText(model, ask)).rejects.toThrow(
      'openai-compatible has no model "qwen2.5-coder:7b" (404): model "qwen2.5-coder:7b" not found, try pulling it first. The server lists its models at http://box:11434/v1/models.',
    );
  });
});
