import { createOpenAI } from '@ai-sdk/openai';
import { ConfigurationError } from '@codeact/core';
import { createAiSdkModel } from '../ai-sdk/create-ai-sdk-model.js';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { adapterSettings, fetchSetting } from './adapter-settings.js';
import { firstSetting } from './first-setting.js';
import { parseBaseUrl } from './parse-base-url.js';

/**
 * `openai:<model>` through the Chat Completions API. Key: `--api-key`, `OPENAI_API_KEY` or
 * `CODEACT_API_KEY`; URL: `--base-url` or `OPENAI_BASE_URL`.
 */
export const openaiProvider: ModelProviderFactory = ({ modelId, options, env }) => {
  const apiKey = firstSetting({
    '--api-key': options.apiKey,
    OPENAI_API_KEY: env.OPENAI_API_KEY,
    CODEACT_API_KEY: env.CODEACT_API_KEY,
  });
  if (!apiKey) {
    throw new ConfigurationError(
      `openai:${modelId} needs an API key: set OPENAI_API_KEY or pass --api-key. For a local OpenAI-compatible server, use openai-compatible:${modelId} with --base-url instead.`,
    );
  }
  const baseURL = firstSetting({ '--base-url': options.baseURL, OPENAI_BASE_URL: env.OPENAI_BASE_URL });
  const openai = createOpenAI({
    apiKey: apiKey.value,
    baseURL: baseURL ? parseBaseUrl(baseURL) : 'https://api.openai.com/v1',
    ...fetchSetting(options),
  });
  return createAiSdkModel({
    ...adapterSettings(options),
    model: openai.chat(modelId),
    provider: 'openai',
    modelId,
    hints: {
      authentication: `Set OPENAI_API_KEY or pass --api-key (the key used came from ${apiKey.source}).`,
      modelNotFound: 'Choose a model listed at https://platform.openai.com/docs/models, e.g. openai:gpt-4o.',
    },
  });
};
