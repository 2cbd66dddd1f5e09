export { createPythonExecutor, defaultPythonPath } from './create-python-executor.js';
export { findInstalledModules, scientificPreload } from './find-installed-modules.js';
export type { PythonExecutor } from './python-executor.js';
export type { PythonExecutorOptions } from './python-executor-options.js';
export type { PythonPoolStats } from './python-warm-pool.js';
export { workRootWarning } from './work-root-warning.js';
