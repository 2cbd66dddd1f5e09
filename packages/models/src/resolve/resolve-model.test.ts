import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, generateText, type LanguageModel } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { createRecordedFetch, sse } from '../__fixtures__/recorded-fetch.js';
import { createModelProviderRegistry } from './model-provider-registry.js';
import { resolveModel } from './resolve-model.js';

const env = {};
const fakeModel = (provider: string, modelId: string): LanguageModel => ({
  specificationVersion: 'v1',
  provider,
  modelId,
  doStream: async function* () {
    yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 } };
  },
});

async function configurationError(spec: string, options: Parameters<typeof resolveModel>[1] = { env }) {
  const error = await resolveModel(spec, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as ConfigurationError).message;
}

describe('resolveModel', () => {
  it('rejects an empty spec and a prefix without a model', async () => {
    expect(await configurationError('  ')).toBe(
      'No model given. Pass --model provider:model, e.g. --model openai:gpt-4o.',
    );
    expect(await configurationError('openai:')).toBe('"openai:" names no model after "openai:".');
  });

  it('lists the providers for an unknown prefix', async () => {
    expect(await configurationError('gemini:pro')).toBe(
      'Unknown model provider "gemini" in "gemini:pro". Providers: anthropic, llamacpp, lmstudio, ollama, openai, openai-compatible, openrouter, replay, script, vllm. For a local OpenAI-compatible server, pass --base-url or set CODEACT_BASE_URL.',
    );
  });

  it('suggests a prefix for a bare model name', async () => {
    expect(await configurationError('gpt-4o')).toMatch(
      /^Model "gpt-4o" has no provider prefix\. Write provider:model, e\.g\. openai:gpt-4o\. Providers: anthropic, /,
    );
    expect(await configurationError('claude-sonnet-4-5')).toContain('e.g. anthropic:claude-sonnet-4-5.');
  });

  it('does not mistake object built-ins for providers', async () => {
    expect(await configurationError('constructor:x', { env, providers: {} })).toMatch(
      /^Unknown model provider "constructor"/,
    );
  });

  it('sends a spec with no known prefix to the OpenAI-compatible server when a base URL is set', async () => {
    const { fetch, requests } = createRecordedFetch([sse('vllm-chat-stream-length.sse')]);
    const model = await resolveModel('qwen2.5-coder:7b', {
      env: { CODEACT_BASE_URL: 'http://gpu-box:8000/v1' },
      fetch,
    });
    await generateText(model, { messages: [{ role: 'user', content: 'hi' }] });

    expect([model.provider, model.modelId]).toEqual(['openai-compatible', 'qwen2.5-coder:7b']);
    expect(requests[0]?.url).toBe('http://gpu-box:8000/v1/chat/completions');
    expect(requests[0]?.body.model).toBe('qwen2.5-coder:7b');
  });

  it('uses providers given for the call before the registry', async () => {
    const model = await resolveModel('openai:gpt-4o', {
      env,
      providers: {
        openai: ({ modelId }) => fakeModel('stub', modelId),
        replay: ({ modelId }) => fakeModel('replay', modelId),
      },
    });
    expect([model.provider, model.modelId]).toEqual(['stub', 'gpt-4o']);
  });

  it('passes the whole request to a registered provider', async () => {
    const registry = createModelProviderRegistry();
    let seen: unknown;
    registry.register('local', (request) => {
      seen = request;
      return fakeModel('local', request.modelId);
    });
    const options = { env: { HOME: '/home/me' }, cwd: '/work', registry };
    const model = await resolveModel(' local:models/qwen.gguf ', options);

    expect(model.modelId).toBe('models/qwen.gguf');
    expect(seen).toEqual({
      spec: 'local:models/qwen.gguf',
      provider: 'local',
      modelId: 'models/qwen.gguf',
      options,
      env: { HOME: '/home/me' },
      cwd: '/work',
    });
  });

  it('resolves script: paths against cwd', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-models-'));
    try {
      await writeFile(join(dir, 'replies.jsonl'), '{"reply": "<execute>\\nprint(1)\\n</execute>"}\n');
      const model = await resolveModel('script:replies.jsonl', { cwd: dir });
      expect([model.provider, model.modelId]).toEqual(['script', 'replies.jsonl']);
      expect((await generateText(model, { messages: [] })).text).toBe('<execute>\nprint(1)\n</execute>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
