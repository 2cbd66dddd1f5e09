/**
 * Test doubles and contract suites: `@codeact/core/testing`.
 * @module
 */
export { type ExecutorContractOptions, executorContract } from './executor-contract.js';
export { type ModelContractOptions, modelContract } from './model-contract.js';
export { type ScriptedExecution, ScriptedExecutor } from './scripted-executor.js';
export {
  modelAnswer,
  modelCode,
  modelError,
  modelResponder,
  modelText,
  ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedStep,
} from './scripted-model.js';
export { makeTestTrajectory, type StoreContractOptions, storeContract } from './store-contract.js';
export { type SupervisedProcess, superviseProcess } from './supervise-process.js';
