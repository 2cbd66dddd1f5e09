/**
 * Interpreters for CodeAct actions: CPython under bubblewrap (`python`), Pyodide (`pyodide`) and
 * kernels on a remote Jupyter server (`jupyter`).
 * @module
 */
export * from './jupyter/index.js';
export * from './packages/index.js';
export { processTreeMemory, type TreeMemory } from './process/process-tree-memory.js';
export * from './pyodide/index.js';
export * from './python/index.js';
export {
  pyodideLimits,
  type ResolvedExecutor,
  type ResolveExecutorOptions,
  resolveExecutor,
} from './resolve-executor.js';
