export { createPythonExecutor, defaultPythonPath } from './create-python-executor.js';
export type { PythonExecutorOptions } from './python-executor-options.js';
