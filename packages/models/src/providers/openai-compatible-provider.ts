import { ConfigurationError } from '@codeact/core';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { createCompatibleModel } from './create-compatible-model.js';
import { firstSetting } from './first-setting.js';
import { parseBaseUrl } from './parse-base-url.js';

/**
 * `openai-compatible:<model>`, also used for a spec without a known prefix when a base URL is set.
 * URL: `--base-url`, `CODEACT_BASE_URL` or `OPENAI_BASE_URL`. Key (optional): `--api-key` or
 * `CODEACT_API_KEY`; `OPENAI_API_KEY` only together with `OPENAI_BASE_URL`, so an OpenAI key never
 * goes to a server named by `--base-url` or `CODEACT_BASE_URL`.
 */
export const openaiCompatibleProvider: ModelProviderFactory = ({ provider, modelId, options, env }) => {
  const baseURL = firstSetting({
    '--base-url': options.baseURL,
    CODEACT_BASE_URL: env.CODEACT_BASE_URL,
    OPENAI_BASE_URL: env.OPENAI_BASE_URL,
  });
  if (!baseURL) {
    throw new ConfigurationError(
      `${provider}:${modelId} needs the server's URL: pass --base-url (e.g. http://localhost:8000/v1) or set CODEACT_BASE_URL.`,
    );
  }
  const apiKey = firstSetting({
    '--api-key': options.apiKey,
    CODEACT_API_KEY: env.CODEACT_API_KEY,
    OPENAI_API_KEY: baseURL.source === 'OPENAI_BASE_URL' ? env.OPENAI_API_KEY : undefined,
  });
  const url = parseBaseUrl(baseURL);
  return createCompatibleModel({
    provider: 'openai-compatible',
    baseURL: url,
    apiKey: apiKey?.value,
    modelId,
    options,
    hints: {
      authentication: 'Set CODEACT_API_KEY or pass --api-key with the key the server expects.',
      modelNotFound: `The server lists its models at ${url}/models.`,
    },
  });
};
