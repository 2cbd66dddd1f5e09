/**
 * MINT (Wang et al., 2023) as the CodeAct paper uses it, once for the benchmark (`codeact bench mint`),
 * the replay of recorded runs and CodeActInstruct data collection: the task data and prompt assets,
 * the prompt renderer, reply parsing, observations with the count-down, the episode runner, the
 * checkers, `wikipedia_search`, and observation fidelity against a recording. Also the one emulation of
 * Python values in TypeScript (`PyValue`, `PyDict`, `repr`/`str`, `json`, `datetime`), which API-Bank's
 * tools run on.
 * @module
 */
export { type CodeCheckResult, checkGeneratedCode } from './checkers/check-generated-code.js';
export {
  checkMultipleChoiceAnswer,
  type MultipleChoiceOptions,
  parseMultipleChoiceOptions,
} from './checkers/check-multiple-choice-answer.js';
export { checkReasoningAnswer } from './checkers/check-reasoning-answer.js';
export {
  checkTheoremqaAnswer,
  evaluateTheoremqaAnswer,
  type TheoremqaAnswerType,
  type TheoremqaOptionRule,
} from './checkers/check-theoremqa-answer.js';
export { CheckerError } from './checkers/checker-error.js';
export type { GradingRule } from './checkers/grading-rule.js';
export { normalizeTheoremqaAnswer } from './checkers/normalize-theoremqa-answer.js';
export {
  gsm8kFamily,
  hotpotqaFamily,
  humanevalFamily,
  mathFamily,
  mbppFamily,
  mintTaskFamilies,
  mmluFamily,
  theoremqaFamily,
} from './families/builtin-families.js';
export type {
  MintEnvironment,
  MintEnvironmentContext,
  MintEpisodeFamily,
  MintGroup,
  MintTask,
  MintTaskFamily,
} from './families/mint-task-family.js';
export {
  mintDataDir,
  mintRecordedRunDir,
  readInContextExample,
  readMintPromptFile,
  readTestPrompts,
} from './mint-data.js';
export {
  formatMintExecution,
  type MintTurnInfo,
  mintOutputLimit,
  observationOfMintMessage,
  renderMintEnvironmentMessage,
  storeMintReply,
} from './protocol/format-mint-observation.js';
export {
  type MintReply,
  mintActionFormat,
  mintCoreAction,
  mintInvalidInputMessage,
  mintStopSequences,
  parseMintReply,
} from './protocol/parse-mint-reply.js';
export {
  type MintActionCount,
  type MintEpisodeOptions,
  type MintEpisodeResult,
  type MintStep,
  type MintTerminateReason,
  type MintToolReplay,
  runMintEpisode,
} from './protocol/run-mint-episode.js';
export { dumpPythonJson } from './python/dump-python-json.js';
export { evaluatePythonExpression, evaluatePythonLiteral } from './python/evaluate-python-expression.js';
export { type PyNode, parsePythonExpression } from './python/parse-python-expression.js';
export { getJsonField, parsePythonJson } from './python/parse-python-json.js';
export { compareDateTimes, type PyDateTime, pyStrftime, pyStrptime } from './python/python-datetime.js';
export { PyDict, type PyKeyLike, pyClone, pyHashKey } from './python/python-dict.js';
export { parsePythonFloat } from './python/python-float.js';
export { fromJsonValue, toJsonValue } from './python/python-json-value.js';
export { pythonFloatRepr, pythonRepr, pythonStr, pythonStrRepr } from './python/python-repr.js';
export { pyIsDecimal, pyIsDigit, pyZfill, requireStr, toAsciiDigits } from './python/python-string.js';
export {
  asBigInt,
  PyException,
  type PyValue,
  pyBool,
  pyEquals,
  pyFalse,
  pyFloat,
  pyInt,
  pyList,
  pyNone,
  pyRaise,
  pyStr,
  pyTrue,
  truthy,
  typeName,
} from './python/python-value.js';
export { type RenderMintPromptOptions, renderMintPrompt } from './render-mint-prompt.js';
export {
  compareObservation,
  type EpisodeFidelity,
  type FidelityComparison,
  type FidelitySkip,
  type FidelityVerdict,
  measureObservationFidelity,
} from './replay/observation-fidelity.js';
export { createRecordedWikipediaReplay } from './replay/recorded-wikipedia-search.js';
export {
  isRecordingModel,
  type RecordedEpisodeLike,
  type RecordedTurnLike,
  type RecordingModel,
} from './replay/recording-source.js';
export {
  isMintResultLine,
  type MintHistoryTurn,
  MintResult,
  mintHistoryTurns,
  parseMintResult,
  unstoreMintReply,
} from './results/mint-result.js';
export {
  createWikipediaSearchTool,
  type WikipediaSearchOptions,
  WikipediaUnavailableError,
  wikipediaSearchDescription,
} from './tools/wikipedia-search.js';
