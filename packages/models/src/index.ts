/**
 * Language models for codeact: an adapter from any Vercel AI SDK model, `--model` spec resolution
 * with a pluggable provider registry, and JSONL-scripted models (`script:PATH`).
 * @module
 */
export { type AiSdkModelSettings, createAiSdkModel, type ModelRetryEvent } from './ai-sdk/create-ai-sdk-model.js';
export type { RetrySettings } from './ai-sdk/retry-delay-ms.js';
export type { AiSdkLanguageModel } from './ai-sdk/stream-ai-sdk-reply.js';
export { type ModelErrorContext, type ModelErrorHints, toModelCallError } from './ai-sdk/to-model-call-error.js';
export * from './replay/index.js';
export { defaultModelProviders, registerModelProvider } from './resolve/default-model-providers.js';
export type {
  Env,
  ModelProviderFactory,
  ModelProviderRegistry,
  ModelProviderRequest,
  ResolveModelOptions,
} from './resolve/model-provider.js';
export { createModelProviderRegistry } from './resolve/model-provider-registry.js';
export { resolveModel } from './resolve/resolve-model.js';
export { loadScriptedModel } from './script/load-scripted-model.js';
export { ModelScriptLine } from './script/model-script-line.js';
export { type ModelScript, type ParseModelScriptResult, parseModelScript } from './script/parse-model-script.js';
