import { ConfigurationError, type LanguageModel } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { defaultModelProviders, registerModelProvider } from './default-model-providers.js';
import type { ModelProviderFactory } from './model-provider.js';
import { createModelProviderRegistry } from './model-provider-registry.js';
import { resolveModel } from './resolve-model.js';

const replay: ModelProviderFactory = ({ modelId }): LanguageModel => ({
  specificationVersion: 'v1',
  provider: 'replay',
  modelId,
  doStream: async function* () {
    yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: undefined, outputTokens: undefined } };
  },
});

describe('createModelProviderRegistry', () => {
  it('starts with the given providers and lists prefixes sorted', () => {
    const registry = createModelProviderRegistry({ zeta: replay, alpha: replay });
    expect(registry.prefixes()).toEqual(['alpha', 'zeta']);
    expect(registry.get('alpha')).toBe(replay);
    expect(registry.get('beta')).toBeUndefined();
  });

  it('refuses a taken prefix', () => {
    const registry = createModelProviderRegistry({ replay });
    expect(() => registry.register('replay', replay)).toThrow(
      new ConfigurationError('Model provider "replay" is already registered.'),
    );
  });

  it.each(['', 'R', 'x', 'my_provider', '1bit', 'has:colon'])('refuses the malformed prefix %j', (prefix) => {
    expect(() => createModelProviderRegistry().register(prefix, replay)).toThrow(/is invalid: use lowercase letters/);
  });
});

describe('registerModelProvider', () => {
  it('makes a new prefix resolvable through the shared registry', async () => {
    await expect(resolveModel('replay-test:runs/2025-09-30', { env: {} })).rejects.toThrow(/Unknown model provider/);
    registerModelProvider('replay-test', replay);

    const model = await resolveModel('replay-test:runs/2025-09-30', { env: {} });
    expect([model.provider, model.modelId]).toEqual(['replay', 'runs/2025-09-30']);
    expect(defaultModelProviders.prefixes()).toContain('replay-test');
    expect(() => registerModelProvider('openai', replay)).toThrow('Model provider "openai" is already registered.');
  });
});
