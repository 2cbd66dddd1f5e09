/**
 * Local GGUF models for codeact: an AI SDK provider over node-llama-cpp (installed on first use,
 * loaded lazily, prebuilt CPU binary) whose replies are grammar-constrained to one parseable action,
 * the `local:` spec provider, model downloads, and the grammar engine.
 * @module
 */

export { confirmOnTerminal } from './cli/confirm-on-terminal.js';
export { runCodeactLocal } from './cli/run-codeact-local.js';
export {
  type ActionGrammar,
  type CompiledActionGrammar,
  compileActionGrammar,
} from './grammar/action-grammar.js';
export { codeActGrammar } from './grammar/codeact-grammar.js';
export { jsonActionGrammar, markedActionGrammar } from './grammar/marked-action-grammar.js';
export {
  type ActionGrammarName,
  type ActionGrammarOption,
  actionGrammarNames,
  detectActionGrammar,
  selectActionGrammar,
} from './grammar/select-action-grammar.js';
export {
  type ToolParameterSignature,
  type ToolSignature,
  toolSignatures,
  toolSignaturesFromPrompt,
} from './grammar/tool-signatures.js';
export {
  type DownloadModelFileOptions,
  type DownloadProgress,
  downloadModelFile,
} from './model-file/download-model-file.js';
export { createDownloadProgressReporter, formatDownloadProgress } from './model-file/format-download-progress.js';
export { cachedModelPath, type ModelSource, parseModelSource } from './model-file/model-source.js';
export { defaultModelsDir, type ResolveModelFileOptions, resolveModelFile } from './model-file/resolve-model-file.js';
export { createLocalModel, type LocalModel } from './provider/create-local-model.js';
export { disposeLocalModels } from './provider/local-engine.js';
export {
  createLocalLanguageModel,
  type LocalLanguageModel,
  type LocalModelInfo,
  type LocalModelSettings,
  type LocalProviderOptions,
} from './provider/local-language-model.js';
export {
  defaultLocalModel,
  type LocalModelProviderSettings,
  localModelProvider,
  parseLocalModelSpec,
} from './provider/local-model-provider.js';
export { codeactCacheDir } from './runtime/cache-dir.js';
export { defaultThreadCount } from './runtime/default-thread-count.js';
export {
  binaryPackageFor,
  installLocalRuntime,
  type LocalRuntimeInstallPolicy,
  type LocalRuntimeInstallRequest,
  type LocalRuntimeSettings,
  type LocalRuntimeStatus,
  loadLocalRuntime,
  localRuntimeDir,
  localRuntimeInstallSizeMb,
  localRuntimeStatus,
  nodeLlamaCppVersion,
} from './runtime/local-runtime.js';
