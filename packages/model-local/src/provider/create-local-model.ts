import type { LanguageModel } from '@codeact/core';
import { createAiSdkModel } from '@codeact/models';
import { createLocalLanguageModel, type LocalModelInfo, type LocalModelSettings } from './local-language-model.js';

/** A codeact model running a local GGUF file; `load()` loads it ahead of the first call. */
export type LocalModel = LanguageModel & {
  load(options?: { abortSignal?: AbortSignal | undefined }): Promise<LocalModelInfo>;
};

/**
 * A codeact `LanguageModel` over a local GGUF file: `createLocalLanguageModel` (the AI SDK provider)
 * wrapped with `createAiSdkModel`. Local calls are not retried: their failures do not pass.
 *
 * @example
 * ```ts
 * const model = createLocalModel({ model: 'hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf' });
 * const result = await runAgent({ model, executor, prompt: 'What is 6 * 7?' });
 * ```
 */
export function createLocalModel(settings: LocalModelSettings): LocalModel {
  const model = createLocalLanguageModel(settings);
  const adapted = createAiSdkModel({ model, provider: 'local', modelId: model.modelId, maxRetries: 0 });
  return { ...adapted, load: (options) => model.load(options) };
}
