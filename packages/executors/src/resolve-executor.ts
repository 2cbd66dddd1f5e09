import { type Executor, ExecutorUnavailableError } from '@codeact/core';
import type { PyodideExecutorOptions } from './pyodide/index.js';
import { createPythonExecutor, defaultPythonPath } from './python/create-python-executor.js';
import { findExecutable, isExecutable } from './python/find-executable.js';
import type { PythonExecutorOptions } from './python/python-executor-options.js';

/** Python options apply to CPython; `timeoutMs`, `interruptGraceMs` and `maxOutputBytes` to both. */
export type ResolveExecutorOptions = PythonExecutorOptions & {
  /**
   * `auto` (default): CPython when bubblewrap and python3 are present, else Pyodide.
   * `jupyter:URL`: kernels on a remote Jupyter Server or Kernel/Enterprise Gateway (token in the URL or
   * `$CODEACT_JUPYTER_TOKEN`).
   */
  readonly interpreter?: 'auto' | 'python' | 'pyodide' | `jupyter:${string}` | undefined;
  /** Pyodide-only settings (pool size, memory snapshot, …). */
  readonly pyodide?: PyodideExecutorOptions | undefined;
};

export type ResolvedExecutor = {
  readonly executor: Executor;
  /** One line saying which interpreter was chosen and why (the CLI prints it). */
  readonly explanation: string;
};

async function createPyodide(options: ResolveExecutorOptions): Promise<Executor> {
  // Loaded lazily: Pyodide is large and only needed when chosen.
  const { createPyodideExecutor } = await import('./pyodide/index.js');
  const shared: { timeoutMs?: number; interruptGraceMs?: number; maxOutputBytes?: number } = {};
  if (options.timeoutMs !== undefined) shared.timeoutMs = options.timeoutMs;
  if (options.interruptGraceMs !== undefined) shared.interruptGraceMs = options.interruptGraceMs;
  if (options.maxOutputBytes !== undefined) shared.maxOutputBytes = options.maxOutputBytes;
  return createPyodideExecutor({ ...shared, packages: options.packages, ...options.pyodide });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why CPython cannot be used here, or undefined when it can be tried. */
function pythonMissing(options: ResolveExecutorOptions): string | undefined {
  const pythonPath = options.pythonPath ?? process.env.CODEACT_PYTHON ?? defaultPythonPath;
  if (!isExecutable(pythonPath)) return `no python3 at ${pythonPath}`;
  if (options.sandbox === false) return undefined;
  const bwrapPath = options.bwrapPath ?? findExecutable('bwrap');
  if (bwrapPath === undefined || !isExecutable(bwrapPath)) {
    return 'bubblewrap is not installed (`apt-get install bubblewrap` enables sandboxed CPython)';
  }
  return undefined;
}

/**
 * Picks the interpreter. `python` and `pyodide` are taken as asked (throwing
 * `ExecutorUnavailableError` when impossible); `auto` prefers sandboxed CPython and falls back to
 * Pyodide, explaining the choice in one line.
 *
 * @example
 * const { executor, explanation } = await resolveExecutor({ interpreter: 'auto' });
 */
export async function resolveExecutor(options: ResolveExecutorOptions = {}): Promise<ResolvedExecutor> {
  const interpreter = options.interpreter ?? 'auto';
  if (interpreter.startsWith('jupyter:')) {
    const { createJupyterExecutor } = await import('./jupyter/index.js');
    const executor = await createJupyterExecutor({
      url: interpreter.slice('jupyter:'.length),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
    });
    return { executor, explanation: `Interpreter: ${executor.description} (requested).` };
  }
  if (interpreter === 'python') {
    const executor = await createPythonExecutor(options);
    return { executor, explanation: `Interpreter: ${executor.description} (requested).` };
  }
  if (interpreter === 'pyodide') {
    const executor = await createPyodide(options);
    return { executor, explanation: `Interpreter: ${executor.description} (requested; ${pyodideLimits}).` };
  }
  let reason = pythonMissing(options);
  if (reason === undefined) {
    try {
      const executor = await createPythonExecutor(options);
      const why = options.sandbox === false ? 'sandbox disabled by the caller' : 'bubblewrap and python3 found';
      return { executor, explanation: `Interpreter: ${executor.description} (auto: ${why}).` };
    } catch (error) {
      if (!(error instanceof ExecutorUnavailableError)) throw error;
      reason = messageOf(error);
    }
  }
  const executor = await createPyodide(options);
  return { executor, explanation: `Interpreter: ${executor.description} (auto: ${reason}; ${pyodideLimits}).` };
}

/** What Pyodide cannot do here, said wherever it is offered or chosen. */
export const pyodideLimits =
  'Pyodide has only the standard library offline: no numpy, pandas or matplotlib, so no plots';
