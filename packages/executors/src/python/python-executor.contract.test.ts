import { executorContract } from '@codeact/core/testing';
import { createPythonExecutor } from './create-python-executor.js';

executorContract({ name: 'PythonExecutor', createExecutor: () => createPythonExecutor() });

executorContract({
  name: 'PythonExecutor without a sandbox',
  createExecutor: () => createPythonExecutor({ sandbox: false }),
});
