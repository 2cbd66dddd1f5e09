export {
  createJupyterExecutor,
  type JupyterExecutorOptions,
  jupyterServerLocation,
} from './create-jupyter-executor.js';
export { startTemporaryJupyter, type TemporaryJupyter } from './start-temporary-jupyter.js';
