export {
  type FinishReason,
  generateText,
  type LanguageModel,
  type ModelCallOptions,
  type ModelStreamPart,
  type TokenUsage,
} from './language-model.js';
export { type MeteredModel, meterModel } from './meter-model.js';
export { ModelMessage } from './model-message.js';
