import { executorContract } from '@codeact/core/testing';
import { createPythonExecutor } from './create-python-executor.js';

executorContract({ name: 'PythonExecutor', createExecutor: () => createPythonExecutor() });

executorContract({
  name: 'PythonExecutor without a sandbox',
  createExecutor: () => createPythonExecutor({ sandbox: false }),
});

// Every session here comes from the warm pool (`take` waits for a member being started).
executorContract({
  name: 'PythonExecutor from a warm pool',
  createExecutor: () => createPythonExecutor({ poolSize: 2, preload: ['json'] }),
});
