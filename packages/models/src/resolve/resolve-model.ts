import { ConfigurationError, type LanguageModel } from '@codeact/core';
import { openaiCompatibleProvider } from '../providers/openai-compatible-provider.js';
import { defaultModelProviders } from './default-model-providers.js';
import type { ModelProviderFactory, ModelProviderRegistry, ResolveModelOptions } from './model-provider.js';

/**
 * Builds the model named by a `--model` spec, `provider:model`:
 * `openai:gpt-4o`, `anthropic:claude-sonnet-4-5`, `openai-compatible:<model>` (with `--base-url`),
 * `ollama:`, `lmstudio:`, `vllm:`, `llamacpp:`, `openrouter:`, `script:PATH`, and any prefix added
 * with `registerModelProvider`. A spec with no known prefix goes to the OpenAI-compatible server when
 * a base URL is set (so `qwen2.5-coder:7b` works with `--base-url`). Problems the caller can fix
 * (unknown prefix, missing key or URL, bad script) throw `ConfigurationError` saying how.
 *
 * @example
 * ```ts
 * const model = await resolveModel('openai:gpt-4o', { apiKey: flags.apiKey });
 * const local = await resolveModel('vllm:Qwen/Qwen2.5-Coder-7B-Instruct');
 * ```
 */
export async function resolveModel(spec: string, options: ResolveModelOptions = {}): Promise<LanguageModel> {
  const trimmed = spec.trim();
  if (trimmed === '') {
    throw new ConfigurationError('No model given. Pass --model provider:model, e.g. --model openai:gpt-4o.');
  }
  const registry = options.registry ?? defaultModelProviders;
  const colon = trimmed.indexOf(':');
  const prefix = colon > 0 ? trimmed.slice(0, colon) : undefined;
  const factory = prefix === undefined ? undefined : findFactory(prefix, options.providers, registry);
  const env = options.env ?? process.env;
  const request = { spec: trimmed, options, env, cwd: options.cwd ?? process.cwd() };
  if (prefix !== undefined && factory !== undefined) {
    const modelId = trimmed.slice(colon + 1).trim();
    if (modelId === '') throw new ConfigurationError(`"${trimmed}" names no model after "${prefix}:".`);
    return factory({ ...request, provider: prefix, modelId });
  }
  const hasBaseUrl = [options.baseURL, env.CODEACT_BASE_URL, env.OPENAI_BASE_URL].some((value) => value?.trim());
  if (hasBaseUrl) return openaiCompatibleProvider({ ...request, provider: 'openai-compatible', modelId: trimmed });
  const known = [...new Set([...registry.prefixes(), ...Object.keys(options.providers ?? {})])].sort().join(', ');
  const local = 'For a local OpenAI-compatible server, pass --base-url or set CODEACT_BASE_URL.';
  if (prefix === undefined) {
    throw new ConfigurationError(
      `Model "${trimmed}" has no provider prefix. Write provider:model, e.g. ${suggestSpec(trimmed)}. Providers: ${known}. ${local}`,
    );
  }
  throw new ConfigurationError(`Unknown model provider "${prefix}" in "${trimmed}". Providers: ${known}. ${local}`);
}

function findFactory(
  prefix: string,
  providers: ResolveModelOptions['providers'],
  registry: ModelProviderRegistry,
): ModelProviderFactory | undefined {
  return providers !== undefined && Object.hasOwn(providers, prefix) ? providers[prefix] : registry.get(prefix);
}

function suggestSpec(modelId: string): string {
  if (/^claude/i.test(modelId)) return `anthropic:${modelId}`;
  if (/^(gpt|o\d|chatgpt)/i.test(modelId)) return `openai:${modelId}`;
  return 'openai:gpt-4o';
}
