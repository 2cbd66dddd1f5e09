import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Executor, ExecutorUnavailableError } from '@codeact/core';
import { buildReplLaunch } from './build-repl-launch.js';
import { findExecutable, isExecutable } from './find-executable.js';
import { PythonExecutor } from './python-executor.js';
import {
  type PythonExecutorOptions,
  type PythonExecutorSettings,
  resolvePythonSettings,
} from './python-executor-options.js';
import { ReplProcess } from './repl-process.js';

export const defaultPythonPath = '/usr/bin/python3';

export const missingBwrapMessage =
  'bubblewrap (bwrap) was not found, and it is needed to sandbox Python. Install it (e.g. `apt-get install bubblewrap`) or pass `--no-sandbox` (`sandbox: false`) to run Python without isolation.';

/** Starts one interpreter to learn its version and prove the command line works here. */
async function probe(settings: PythonExecutorSettings): Promise<string> {
  const workDir = await mkdtemp(join(tmpdir(), 'codeact-probe-'));
  try {
    const repl = await ReplProcess.start(buildReplLaunch(settings, workDir, ''));
    repl.kill();
    await repl.exited;
    return repl.ready?.python ?? 'unknown';
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The CPython executor: the system `python3` by absolute path, one persistent REPL process per
 * session, sandboxed by bubblewrap (no network, read-only system, one writable work directory).
 * Refuses to start without bwrap unless `sandbox: false` is given.
 *
 * @example
 * const executor = await createPythonExecutor();
 * const session = await executor.createSession();
 * const execution = await session.execute({ code: 'print(6 * 7)' });
 */
export async function createPythonExecutor(options: PythonExecutorOptions = {}): Promise<Executor> {
  const pythonPath = options.pythonPath ?? process.env.CODEACT_PYTHON ?? defaultPythonPath;
  if (!isExecutable(pythonPath)) {
    throw new ExecutorUnavailableError(
      `No Python interpreter at ${pythonPath}. Install python3 (e.g. \`apt-get install python3\`) or set CODEACT_PYTHON to an interpreter's absolute path.`,
    );
  }
  let bwrapPath: string | undefined;
  if (options.sandbox !== false) {
    bwrapPath = options.bwrapPath ?? findExecutable('bwrap');
    if (bwrapPath === undefined || !isExecutable(bwrapPath)) throw new ExecutorUnavailableError(missingBwrapMessage);
  }
  const settings = resolvePythonSettings(options, pythonPath, bwrapPath);
  try {
    return new PythonExecutor(settings, await probe(settings));
  } catch (error) {
    if (bwrapPath === undefined)
      throw new ExecutorUnavailableError(`${pythonPath} did not start: ${String(error)}`, { cause: error });
    // Some hosts forbid mapping to another uid; keep the caller's uid rather than give up.
    const fallback = { ...settings, sandboxUid: undefined };
    try {
      return new PythonExecutor(fallback, await probe(fallback));
    } catch {
      throw new ExecutorUnavailableError(
        `bubblewrap could not start a sandbox here: ${error instanceof Error ? error.message : String(error)} Pass \`--no-sandbox\` (\`sandbox: false\`) to run Python without isolation.`,
        { cause: error },
      );
    }
  }
}
