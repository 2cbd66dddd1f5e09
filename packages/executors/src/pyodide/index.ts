/**
 * The `pyodide` executor: CPython compiled to WebAssembly, one confined child process per session.
 * @module
 */
export {
  createPyodideExecutor,
  type PyodideExecutor,
  type PyodideExecutorOptions,
  type PyodidePoolStatus,
} from './pyodide-executor.js';
