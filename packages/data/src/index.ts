/**
 * Make your own CodeActInstruct (paper §3): task sources, trajectory collection into a store,
 * composable filters with a funnel, exports for fine-tuning tools, and Table 4 statistics.
 * @module
 */

export { type ExportDatasetOptions, type ExportDatasetResult, exportDataset } from './export/export-dataset.js';
export {
  type CodeActInstructRecord,
  type ExportFormat,
  type ExportRecord,
  exportFormats,
  formatConversation,
  type OpenAiRecord,
  parseConversationRecord,
  type ShareGptRecord,
} from './export/export-formats.js';
export { type MixSource, mixConversations, parseMixSource } from './export/mix-conversations.js';
export {
  cleanAssistantTurn,
  removeThoughtInstruction,
  splitMintPrompt,
  type ToTrainingConversationOptions,
  type TrainingConversation,
  toTrainingConversation,
} from './export/to-training-conversation.js';
export {
  type BaseModel,
  baseModels,
  type RecipeFile,
  type RecipeName,
  type RecipeOptions,
  recipeFormats,
  recipeNames,
  writeTrainingRecipe,
} from './export/training-recipes.js';
export {
  codeAsActions,
  type DedupKey,
  type DownsampleOptions,
  dedup,
  downsample,
  evenHistory,
  excludeSources,
  includeSources,
  maxTurns,
  minTurns,
  notAllFailed,
  originalRule,
  selfImprovement,
  success,
} from './filter/filters.js';
export {
  applyStages,
  defineFilter,
  defineStage,
  type FunnelStep,
  type TrajectoryStage,
} from './filter/trajectory-stage.js';
export { fromArray, readJsonl, toArray, writeJsonl } from './jsonl/jsonl.js';
export {
  type ConvertMintResultOptions,
  convertMintResult,
  MintResult,
  parseMintTurn,
} from './mint/convert-mint-result.js';
export { type ReadMintResultsOptions, readMintResults } from './mint/read-mint-results.js';
export { seededRandom, shuffled } from './random/seeded-random.js';
export { computeDatasetStats, type DatasetStats, formatStatsTable, type StatsRow } from './stats/dataset-stats.js';
export { createTokenCounter, type TokenCounter, type TokenizerName, tokenizerNames } from './stats/token-counter.js';
export {
  interactionMessages,
  invalidActionCount,
  isErrorObservation,
  isSuccessful,
  trajectorySource,
  turnCount,
} from './trajectory-facts.js';
