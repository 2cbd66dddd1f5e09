export {
  type FinishReason,
  generateText,
  type LanguageModel,
  type ModelCallOptions,
  type ModelStreamPart,
  type TokenUsage,
} from './language-model.js';
export { ModelMessage } from './model-message.js';
