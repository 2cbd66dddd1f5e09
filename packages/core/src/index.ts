/**
 * The CodeAct core: the agent loop as an event stream, action formats, tools, the executor and
 * model interfaces, trajectories and errors. Depends on zod only.
 * @module
 */
export * from './action/index.js';
export * from './agent/index.js';
export * from './errors/index.js';
export * from './executor/index.js';
export * from './model/index.js';
export * from './prompt/index.js';
export * from './security/index.js';
export * from './store/index.js';
export {
  modelAnswer,
  modelCode,
  modelError,
  modelResponder,
  modelText,
  ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedStep,
} from './testing/scripted-model.js';
export * from './tool/index.js';
export * from './trajectory/index.js';
