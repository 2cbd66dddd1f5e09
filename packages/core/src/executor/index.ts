export { Artifact, Execution, PythonException } from './execution.js';
export type { CreateSessionOptions, ExecuteOptions, Executor, ExecutorSession } from './executor.js';
