import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, generateText } from '@codeact/core';
import { resolveModel } from '@codeact/models';
import { describe, expect, it } from 'vitest';
import { defaultLocalModel, localModelProvider, parseLocalModelSpec } from './local-model-provider.js';

describe('parseLocalModelSpec', () => {
  it('splits the model from its options', () => {
    expect(parseLocalModelSpec('models/qwen.gguf')).toEqual({ model: 'models/qwen.gguf', settings: {} });
    expect(
      parseLocalModelSpec(
        'hf:a/b/c.gguf?grammar=json&threads=2&ctx=4096&chat=chatML&temperature=0.2&seed=7&gpu=false&max-tokens=512',
      ),
    ).toEqual({
      model: 'hf:a/b/c.gguf',
      settings: {
        grammar: 'json',
        threads: 2,
        contextSize: 4096,
        chatTemplate: 'chatML',
        temperature: 0.2,
        seed: 7,
        gpu: false,
        maxOutputTokens: 512,
      },
    });
    expect(parseLocalModelSpec('odd?name.gguf')).toEqual({ model: 'odd?name.gguf', settings: {} });
  });

  it.each([
    ['grammar=xml', 'Model option grammar=xml is unknown. Use one of: auto, codeact, json, marked, none.'],
    ['threads=0', 'Model option threads=0 must be a whole number of at least 1.'],
    ['temperature=-1', 'Model option temperature=-1 must be a number of at least 0.'],
    ['gpu=tpu', 'Model option gpu=tpu is unknown. Use auto, metal, cuda, vulkan or false.'],
    [
      'color=red',
      'Unknown model option "color" in local:m.gguf?color=red. Options: grammar, threads, ctx, chat, temperature, seed, gpu, max-tokens.',
    ],
  ])('refuses %s', (query, message) => {
    expect(() => parseLocalModelSpec(`m.gguf?${query}`)).toThrow(new ConfigurationError(message));
  });
});

describe('localModelProvider', () => {
  const providers = { local: localModelProvider({ runtime: { install: 'no' }, download: { offline: true } }) };

  it('resolves local: specs lazily, relative to cwd', async () => {
    const model = await resolveModel('local:models/none.gguf?threads=1', { providers, cwd: '/work', env: {} });
    expect([model.provider, model.modelId]).toEqual(['local', 'models/none.gguf']);
    await expect(generateText(model, { messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
      new ConfigurationError(
        'No model file at /work/models/none.gguf. Pass the path of a .gguf file, or a Hugging Face file as local:hf:<owner>/<repo>/<file>.gguf to download it once.',
      ),
    );
  });

  it('fails offline for a model that is not downloaded, saying how to get it', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'codeact-cache-'));
    try {
      const model = await resolveModel(`local:${defaultLocalModel}`, { providers, env: { CODEACT_CACHE_DIR: cache } });
      await expect(generateText(model, { messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(
        /^https:\/\/huggingface\.co\/Qwen\/Qwen2\.5-Coder-1\.5B-Instruct-GGUF\/resolve\/main\/qwen2\.5-coder-1\.5b-instruct-q4_k_m\.gguf is not downloaded yet .*Run once with internet access to download it\. To get the file another way, run: curl -L --create-dirs -o /,
      );
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
