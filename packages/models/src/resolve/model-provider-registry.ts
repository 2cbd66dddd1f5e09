import { ConfigurationError } from '@codeact/core';
import type { ModelProviderFactory, ModelProviderRegistry } from './model-provider.js';

const prefixPattern = /^[a-z][a-z0-9-]+$/;

/** A registry holding `providers`; `resolveModel({ registry })` can use it instead of the shared one. */
export function createModelProviderRegistry(
  providers: Readonly<Record<string, ModelProviderFactory>> = {},
): ModelProviderRegistry {
  const factories = new Map<string, ModelProviderFactory>();
  const registry: ModelProviderRegistry = {
    register(prefix, factory) {
      if (!prefixPattern.test(prefix)) {
        throw new ConfigurationError(
          `Model provider prefix "${prefix}" is invalid: use lowercase letters, digits and dashes, starting with a letter.`,
        );
      }
      if (factories.has(prefix)) throw new ConfigurationError(`Model provider "${prefix}" is already registered.`);
      factories.set(prefix, factory);
    },
    get: (prefix) => factories.get(prefix),
    prefixes: () => [...factories.keys()].sort(),
  };
  for (const [prefix, factory] of Object.entries(providers)) registry.register(prefix, factory);
  return registry;
}
