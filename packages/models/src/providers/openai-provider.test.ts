import { generateText, ModelCallError } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { createRecordedFetch, json, sse } from '../__fixtures__/recorded-fetch.js';
import { resolveModel } from '../resolve/resolve-model.js';

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('openai:', () => {
  it('calls Chat Completions with the key from OPENAI_API_KEY', async () => {
    const { fetch, requests } = createRecordedFetch([sse('openai-chat-stream.sse')]);
    const model = await resolveModel('openai:gpt-4o', { env: { OPENAI_API_KEY: 'sk-env' }, fetch });
    await generateText(model, ask);

    expect([model.provider, model.modelId]).toEqual(['openai', 'gpt-4o']);
    expect(requests[0]?.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(requests[0]?.headers.authorization).toBe('Bearer sk-env');
  });

  it('prefers --api-key, then OPENAI_API_KEY, then CODEACT_API_KEY', async () => {
    const { fetch, requests } = createRecordedFetch([sse('openai-chat-stream.sse'), sse('openai-chat-stream.sse')]);
    const both = { OPENAI_API_KEY: 'sk-openai', CODEACT_API_KEY: 'sk-codeact' };
    await generateText(await resolveModel('openai:gpt-4o', { env: both, apiKey: 'sk-flag', fetch }), ask);
    await generateText(await resolveModel('openai:gpt-4o', { env: { CODEACT_API_KEY: 'sk-codeact' }, fetch }), ask);
    expect(requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-flag', 'Bearer sk-codeact']);
  });

  it('uses OPENAI_BASE_URL, and --base-url over it', async () => {
    const { fetch, requests } = createRecordedFetch([sse('openai-chat-stream.sse'), sse('openai-chat-stream.sse')]);
    const env = { OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'https://proxy.example.com/v1/' };
    await generateText(await resolveModel('openai:gpt-4o', { env, fetch }), ask);
    await generateText(
      await resolveModel('openai:gpt-4o', { env, fetch, baseURL: 'https://other.example.com/v1' }),
      ask,
    );
    expect(requests.map((request) => request.url)).toEqual([
      'https://proxy.example.com/v1/chat/completions',
      'https://other.example.com/v1/chat/completions',
    ]);
  });

  it('says how to supply a missing key', async () => {
    await expect(resolveModel('openai:gpt-4o', { env: { OPENAI_API_KEY: '  ' } })).rejects.toThrow(
      'openai:gpt-4o needs an API key: set OPENAI_API_KEY or pass --api-key. For a local OpenAI-compatible server, use openai-compatible:gpt-4o with --base-url instead.',
    );
  });

  it('says where the rejected key came from', async () => {
    const { fetch } = createRecordedFetch([json(401, 'openai-401-invalid-api-key.json')]);
    const model = await resolveModel('openai:gpt-4o', { env: { CODEACT_API_KEY: 'sk-old' }, fetch });
    const error = await generateText(model, ask).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as Error).message).toMatch(
      /Set OPENAI_API_KEY or pass --api-key \(the key used came from CODEACT_API_KEY\)\.$/,
    );
  });

  it('passes retry settings through', async () => {
    const { fetch, requests } = createRecordedFetch([
      json(429, 'openai-429-rate-limit.json'),
      sse('openai-chat-stream.sse'),
    ]);
    const sleeps: number[] = [];
    const model = await resolveModel('openai:gpt-4o', {
      env: { OPENAI_API_KEY: 'sk' },
      fetch,
      initialDelayMs: 10,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await generateText(model, ask);
    expect([requests.length, sleeps]).toEqual([2, [10]]);
  });

  it('names the unknown model and where to find model names', async () => {
    const { fetch } = createRecordedFetch([json(404, 'openai-404-model-not-found.json')]);
    const model = await resolveModel('openai:gpt-5o', { env: { OPENAI_API_KEY: 'sk' }, fetch });
    await expect(generateText(model, ask)).rejects.toThrow(
      'openai has no model "gpt-5o" (404): The model `gpt-5o` does not exist or you do not have access to it. Choose a model listed at https://platform.openai.com/docs/models, e.g. openai:gpt-4o.',
    );
  });
});
