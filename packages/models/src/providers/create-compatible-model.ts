import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from '@codeact/core';
import { createAiSdkModel } from '../ai-sdk/create-ai-sdk-model.js';
import type { ModelErrorHints } from '../ai-sdk/to-model-call-error.js';
import type { ResolveModelOptions } from '../resolve/model-provider.js';
import { adapterSettings, fetchSetting } from './adapter-settings.js';

/** A model behind an OpenAI-compatible `/chat/completions` endpoint (vLLM, Ollama, llama.cpp, …). */
export function createCompatibleModel(settings: {
  readonly provider: string;
  readonly baseURL: string;
  readonly apiKey: string | undefined;
  readonly modelId: string;
  readonly options: ResolveModelOptions;
  readonly hints: ModelErrorHints;
  readonly extraBody?: Readonly<Record<string, unknown>>;
}): LanguageModel {
  const { extraBody } = settings;
  const compatible = createOpenAICompatible({
    name: settings.provider,
    baseURL: settings.baseURL,
    ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    ...(extraBody === undefined ? {} : { transformRequestBody: (body) => ({ ...body, ...extraBody }) }),
    includeUsage: true,
    ...fetchSetting(settings.options),
  });
  return createAiSdkModel({
    ...adapterSettings(settings.options),
    model: compatible.chatModel(settings.modelId),
    provider: settings.provider,
    modelId: settings.modelId,
    hints: settings.hints,
  });
}
