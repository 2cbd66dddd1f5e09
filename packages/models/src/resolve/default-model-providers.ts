import { builtinModelProviders } from '../providers/builtin-model-providers.js';
import type { ModelProviderFactory } from './model-provider.js';
import { createModelProviderRegistry } from './model-provider-registry.js';

/** The shared registry `resolveModel` uses unless given another: the built-in providers plus registered ones. */
export const defaultModelProviders = createModelProviderRegistry(builtinModelProviders);

/**
 * Adds a spec prefix for every later `resolveModel` call, e.g. `registerModelProvider('replay', …)`
 * makes `--model replay:DIR` work. Throws `ConfigurationError` when the prefix is taken.
 */
export function registerModelProvider(prefix: string, factory: ModelProviderFactory): void {
  defaultModelProviders.register(prefix, factory);
}
