/**
 * Make your own CodeActInstruct (paper §3): task sources, trajectory collection into a store,
 * composable filters with a funnel, exports for fine-tuning tools, and Table 4 statistics.
 * @module
 */

export type { AnswerChecker, CheckAnswerContext } from './checkers/answer-checker.js';
export { builtinCheckers } from './checkers/builtin-checkers.js';
export { appsChecker, appsHarness, pythonTestsChecker } from './checkers/code-checkers.js';
export { isMathAnswerCorrect, mathChecker, normaliseMathAnswer } from './checkers/math-checker.js';
export { exactChecker, reasoningChecker } from './checkers/reasoning-checker.js';
export { isWtqAnswerCorrect, normaliseWtqString, wtqChecker } from './checkers/wtq-checker.js';
export type { CollectReporter, CollectSummary, EpisodeInfo } from './collect/collect-reporter.js';
export { type CollectTrajectoriesOptions, collectTrajectories } from './collect/collect-trajectories.js';
export { collectionFamily, collectionTask, defaultExampleFor } from './collect/collection-family.js';
export {
  type CollectedEpisode,
  type CollectionSettings,
  collectionEpisodeId,
  type RunCollectionEpisodeOptions,
  runCollectionEpisode,
} from './collect/run-collection-episode.js';
export { createTextCollectReporter } from './collect/text-collect-reporter.js';
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
} from './mint/convert-mint-result.js';
export { type ReadMintResultsOptions, readMintResults } from './mint/read-mint-results.js';
export { seededRandom, shuffled } from './random/seeded-random.js';
export { computeDatasetStats, type DatasetStats, formatStatsTable, type StatsRow } from './stats/dataset-stats.js';
export { createTokenCounter, type TokenCounter, type TokenizerName, tokenizerNames } from './stats/token-counter.js';
export { type AlfworldGame, alfworldToolNames, convertAlfworld } from './task/converters/alfworld.js';
export { convertApps } from './task/converters/apps.js';
export {
  type ConvertPublicDatasetOptions,
  convertPublicDataset,
  type PublicDataset,
  publicDatasets,
} from './task/converters/convert-public-dataset.js';
export { formatCsv, parseCsv } from './task/converters/csv.js';
export { type ConvertHotpotQaOptions, convertHotpotQa } from './task/converters/hotpotqa.js';
export { convertMath, lastBoxed, type MathProblem, readMathDirectory } from './task/converters/math.js';
export {
  convertWikiTableQuestions,
  readWikiTableQuestions,
  renderTableHead,
  unescapeWtq,
  type WtqExample,
  type WtqTable,
} from './task/converters/wiki-table-questions.js';
export { readTasks } from './task/read-tasks.js';
export { TaskRecord, type TaskRecordInput } from './task/task-record.js';
export {
  interactionMessages,
  invalidActionCount,
  isErrorObservation,
  isSuccessful,
  trajectorySource,
  turnCount,
} from './trajectory-facts.js';
