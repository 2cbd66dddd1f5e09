import { generateText } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { createRecordedFetch, json, sse } from '../__fixtures__/recorded-fetch.js';
import { resolveModel } from '../resolve/resolve-model.js';

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('local server presets', () => {
  it.each([
    ['ollama:qwen2.5-coder:7b', 'http://localhost:11434/v1/chat/completions', 'qwen2.5-coder:7b'],
    ['lmstudio:qwen2.5-coder-7b-instruct', 'http://localhost:1234/v1/chat/completions', 'qwen2.5-coder-7b-instruct'],
    [
      'vllm:Qwen/Qwen2.5-Coder-7B-Instruct',
      'http://localhost:8000/v1/chat/completions',
      'Qwen/Qwen2.5-Coder-7B-Instruct',
    ],
    ['llamacpp:default', 'http://localhost:8080/v1/chat/completions', 'default'],
  ])('%s calls %s without a key', async (spec, url, modelId) => {
    const { fetch, requests } = createRecordedFetch([sse('vllm-chat-stream-length.sse')]);
    const model = await resolveModel(spec, { env: { OPENAI_API_KEY: 'sk-openai' }, fetch });
    await generateText(model, ask);

    expect(model.modelId).toBe(modelId);
    expect(requests[0]?.url).toBe(url);
    expect(requests[0]?.body.model).toBe(modelId);
    expect(requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('takes --base-url over the preset address', async () => {
    const { fetch, requests } = createRecordedFetch([sse('vllm-chat-stream-length.sse')]);
    await generateText(await resolveModel('ollama:llama3.1', { env: {}, baseURL: 'http://nas:11434/v1', fetch }), ask);
    expect(requests[0]?.url).toBe('http://nas:11434/v1/chat/completions');
  });

  it('tells how to pull a model Ollama does not have', async () => {
    const { fetch } = createRecordedFetch([json(404, 'ollama-404-model-not-found.json')]);
    const model = await resolveModel('ollama:qwen2.5-coder:7b', { env: {}, fetch });
    await expect(generateText(model, ask)).rejects.toThrow(
      'Pull it with `ollama pull <model>`; `ollama list` shows the installed models.',
    );
  });

  it('openrouter: needs OPENROUTER_API_KEY, asks for usage accounting and reports the cost', async () => {
    await expect(resolveModel('openrouter:openai/gpt-4o', { env: { OPENAI_API_KEY: 'sk' } })).rejects.toThrow(
      'openrouter:openai/gpt-4o needs an API key: set OPENROUTER_API_KEY or pass --api-key.',
    );
    const { fetch, requests } = createRecordedFetch([sse('openrouter-chat-stream.sse')]);
    const model = await resolveModel('openrouter:qwen/qwen-2.5-coder-32b-instruct', {
      env: { OPENROUTER_API_KEY: 'sk-or' },
      fetch,
    });
    const result = await generateText(model, ask);

    expect(result.costUsd).toBe(0.0000504);
    expect(requests[0]?.url).toBe('https://openrouter.ai/api/v1/chat/completions');
    expect(requests[0]?.headers.authorization).toBe('Bearer sk-or');
    expect(requests[0]?.body).toMatchObject({ usage: { include: true } });
  });
});
