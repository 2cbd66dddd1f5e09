import { generateText } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { createRecordedFetch, json, sse } from '../__fixtures__/recorded-fetch.js';
import { resolveModel } from '../resolve/resolve-model.js';

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('anthropic:', () => {
  it('calls the Messages API with the key from ANTHROPIC_API_KEY', async () => {
    const { fetch, requests } = createRecordedFetch([sse('anthropic-messages-stream.sse')]);
    const model = await resolveModel('anthropic:claude-sonnet-4-5', { env: { ANTHROPIC_API_KEY: 'sk-ant' }, fetch });
    const result = await generateText(model, ask);

    expect([model.provider, model.modelId]).toEqual(['anthropic', 'claude-sonnet-4-5']);
    expect(result.usage).toEqual({ inputTokens: 412, outputTokens: 29 });
    expect(requests[0]?.url).toBe('https://api.anthropic.com/v1/messages');
    expect(requests[0]?.headers['x-api-key']).toBe('sk-ant');
  });

  it('ignores OPENAI_API_KEY and uses ANTHROPIC_BASE_URL', async () => {
    const { fetch, requests } = createRecordedFetch([sse('anthropic-messages-stream.sse')]);
    const env = {
      OPENAI_API_KEY: 'sk-openai',
      CODEACT_API_KEY: 'sk-codeact',
      ANTHROPIC_BASE_URL: 'https://gw.example.com/v1',
    };
    await generateText(await resolveModel('anthropic:claude-sonnet-4-5', { env, fetch }), ask);
    expect(requests[0]?.url).toBe('https://gw.example.com/v1/messages');
    expect(requests[0]?.headers['x-api-key']).toBe('sk-codeact');
  });

  it('says how to supply a missing key', async () => {
    await expect(resolveModel('anthropic:claude-sonnet-4-5', { env: { OPENAI_API_KEY: 'sk' } })).rejects.toThrow(
      'anthropic:claude-sonnet-4-5 needs an API key: set ANTHROPIC_API_KEY or pass --api-key.',
    );
  });

  it('fails fast on a rejected key and on an unknown model', async () => {
    const { fetch, requests } = createRecordedFetch([
      json(401, 'anthropic-401-authentication.json'),
      json(404, 'anthropic-404-not-found.json'),
    ]);
    const model = await resolveModel('anthropic:claude-sonnet-9', { env: { ANTHROPIC_API_KEY: 'sk-ant' }, fetch });

    await expect(generateText(model, ask)).rejects.toThrow(
      'anthropic rejected the API key (401) for model "claude-sonnet-9": invalid x-api-key. Set ANTHROPIC_API_KEY or pass --api-key (the key used came from ANTHROPIC_API_KEY).',
    );
    await expect(generateText(model, ask)).rejects.toThrow(
      /^anthropic has no model "claude-sonnet-9" \(404\): model: claude-sonnet-9\. Choose a model listed at https:\/\/docs\.claude\.com/,
    );
    expect(requests).toHaveLength(2);
  });
});
