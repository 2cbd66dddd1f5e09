import { createAnthropic } from '@ai-sdk/anthropic';
import { ConfigurationError } from '@codeact/core';
import { createAiSdkModel } from '../ai-sdk/create-ai-sdk-model.js';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { adapterSettings, fetchSetting } from './adapter-settings.js';
import { firstSetting } from './first-setting.js';
import { parseBaseUrl } from './parse-base-url.js';

/**
 * `anthropic:<model>` through the Messages API. Key: `--api-key`, `ANTHROPIC_API_KEY` or
 * `CODEACT_API_KEY`; URL: `--base-url` or `ANTHROPIC_BASE_URL`.
 */
export const anthropicProvider: ModelProviderFactory = ({ modelId, options, env }) => {
  const apiKey = firstSetting({
    '--api-key': options.apiKey,
    ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY,
    CODEACT_API_KEY: env.CODEACT_API_KEY,
  });
  if (!apiKey) {
    throw new ConfigurationError(`anthropic:${modelId} needs an API key: set ANTHROPIC_API_KEY or pass --api-key.`);
  }
  const baseURL = firstSetting({ '--base-url': options.baseURL, ANTHROPIC_BASE_URL: env.ANTHROPIC_BASE_URL });
  const anthropic = createAnthropic({
    apiKey: apiKey.value,
    baseURL: baseURL ? parseBaseUrl(baseURL) : 'https://api.anthropic.com/v1',
    ...fetchSetting(options),
  });
  return createAiSdkModel({
    ...adapterSettings(options),
    model: anthropic(modelId),
    provider: 'anthropic',
    modelId,
    hints: {
      authentication: `Set ANTHROPIC_API_KEY or pass --api-key (the key used came from ${apiKey.source}).`,
      modelNotFound:
        'Choose a model listed at https://docs.claude.com/en/docs/about-claude/models, e.g. anthropic:claude-sonnet-4-5.',
    },
  });
};
