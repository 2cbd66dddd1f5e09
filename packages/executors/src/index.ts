/**
 * Interpreters for CodeAct actions: CPython under bubblewrap (`python`) and Pyodide (`pyodide`).
 * @module
 */
export * from './pyodide/index.js';
export * from './python/index.js';
export {
  pyodideLimits,
  type ResolvedExecutor,
  type ResolveExecutorOptions,
  resolveExecutor,
} from './resolve-executor.js';
