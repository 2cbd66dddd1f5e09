import { ConfigurationError } from '@codeact/core';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { createCompatibleModel } from './create-compatible-model.js';
import { firstSetting } from './first-setting.js';
import { parseBaseUrl } from './parse-base-url.js';

type Preset = {
  readonly baseURL: string;
  readonly modelNotFound: string;
  /** A key is required and read from this variable (after `--api-key`). */
  readonly apiKeyEnv?: string;
  readonly extraBody?: Readonly<Record<string, unknown>>;
};

const presets: Readonly<Record<string, Preset>> = {
  ollama: {
    baseURL: 'http://localhost:11434/v1',
    modelNotFound: 'Pull it with `ollama pull <model>`; `ollama list` shows the installed models.',
  },
  lmstudio: {
    baseURL: 'http://localhost:1234/v1',
    modelNotFound: 'Download and load it in LM Studio; `lms ls` lists the downloaded models.',
  },
  vllm: {
    baseURL: 'http://localhost:8000/v1',
    modelNotFound: 'Use the model name given to `vllm serve` (or its --served-model-name).',
  },
  llamacpp: {
    baseURL: 'http://localhost:8080/v1',
    modelNotFound: 'llama-server serves the model it was started with; check its /v1/models.',
  },
  openrouter: {
    baseURL: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    modelNotFound: 'OpenRouter ids look like openai/gpt-4o; see https://openrouter.ai/models.',
    // Ask OpenRouter to report the cost of each call in the usage chunk.
    extraBody: { usage: { include: true } },
  },
};

function presetProvider(name: string, preset: Preset): ModelProviderFactory {
  return ({ modelId, options, env }) => {
    const apiKey = firstSetting({
      '--api-key': options.apiKey,
      ...(preset.apiKeyEnv === undefined ? {} : { [preset.apiKeyEnv]: env[preset.apiKeyEnv] }),
    });
    if (preset.apiKeyEnv !== undefined && !apiKey) {
      throw new ConfigurationError(`${name}:${modelId} needs an API key: set ${preset.apiKeyEnv} or pass --api-key.`);
    }
    const baseURL = parseBaseUrl(
      firstSetting({ '--base-url': options.baseURL }) ?? { value: preset.baseURL, source: name },
    );
    return createCompatibleModel({
      provider: name,
      baseURL,
      apiKey: apiKey?.value,
      modelId,
      options,
      hints: {
        authentication:
          preset.apiKeyEnv === undefined
            ? 'Pass --api-key with the key the server expects.'
            : `Set ${preset.apiKeyEnv} or pass --api-key.`,
        modelNotFound: preset.modelNotFound,
      },
      ...(preset.extraBody === undefined ? {} : { extraBody: preset.extraBody }),
    });
  };
}

/**
 * OpenAI-compatible servers with their usual local address: `ollama:`, `lmstudio:`, `vllm:`,
 * `llamacpp:` (no key needed), and `openrouter:` (`OPENROUTER_API_KEY`). `--base-url` overrides.
 */
export const openaiCompatiblePresets: Readonly<Record<string, ModelProviderFactory>> = Object.fromEntries(
  Object.entries(presets).map(([name, preset]) => [name, presetProvider(name, preset)]),
);
