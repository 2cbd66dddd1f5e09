import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutorUnavailableError } from '@codeact/core';
import { buildReplLaunch } from './build-repl-launch.js';
import { findExecutable, isExecutable } from './find-executable.js';
import { grantToSandbox } from './grant-to-sandbox.js';
import { prepareRepl, type ReplRuntime, replSiteDir } from './prepare-repl.js';
import { PythonExecutor } from './python-executor.js';
import {
  type PythonExecutorOptions,
  type PythonExecutorSettings,
  resolvePythonSettings,
} from './python-executor-options.js';
import { ReplProcess } from './repl-process.js';
import { trackTemporaryDirectory } from './temporary-directories.js';

export const defaultPythonPath = '/usr/bin/python3';

export const missingBwrapMessage =
  'bubblewrap (bwrap) was not found, and it is needed to sandbox Python. Install it (e.g. `apt-get install bubblewrap`) or pass `--no-sandbox` (`sandbox: false`) to run Python without isolation.';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts one interpreter exactly as sessions will, proving the command line works on this host. */
async function probe(settings: PythonExecutorSettings, runtime: ReplRuntime): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'codeact-probe-'));
  try {
    await grantToSandbox(settings.runAs, workDir);
    const siteDir = join(runtime.directory, replSiteDir);
    const repl = await ReplProcess.start(buildReplLaunch(settings, runtime, { workDir, siteDir }, ''));
    await repl.stop();
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function probeSandbox(settings: PythonExecutorSettings, runtime: ReplRuntime): Promise<PythonExecutorSettings> {
  // Best first: an unprivileged host uid (when root), then bwrap as root with a remapped uid, then no remapping.
  const candidates: PythonExecutorSettings[] = [settings];
  if (settings.runAs !== undefined) candidates.push({ ...settings, runAs: undefined });
  candidates.push({ ...settings, runAs: undefined, sandboxUid: undefined });
  let firstError: unknown;
  for (const candidate of candidates) {
    try {
      await probe(candidate, runtime);
      return candidate;
    } catch (error) {
      // Some hosts forbid unprivileged user namespaces or mapping to another uid: degrade rather than give up.
      firstError ??= error;
    }
  }
  throw new ExecutorUnavailableError(
    `bubblewrap could not start a sandbox here: ${messageOf(firstError)} Pass \`--no-sandbox\` (\`sandbox: false\`) to run Python without isolation.`,
    { cause: firstError },
  );
}

/**
 * Where pool members' work directories wait: `<ownedWorkRoot>/.pool` (emptied first: left over
 * from an earlier process), so renaming one to a session's directory stays on one filesystem; else
 * a fresh temporary directory. Removed when the host exits.
 */
async function poolDirectory(settings: PythonExecutorSettings): Promise<string> {
  let directory: string;
  if (settings.ownedWorkRoot === undefined) {
    directory = await mkdtemp(join(tmpdir(), 'codeact-pool-'));
  } else {
    await mkdir(settings.ownedWorkRoot, { recursive: true, mode: 0o700 });
    directory = join(settings.ownedWorkRoot, '.pool');
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory, { mode: 0o700 });
  }
  // Not listable by the sandbox uid, only traversable to a member's own directory.
  await chmod(directory, 0o711);
  trackTemporaryDirectory(directory);
  return directory;
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
export async function createPythonExecutor(options: PythonExecutorOptions = {}): Promise<PythonExecutor> {
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
  let runtime: ReplRuntime;
  try {
    runtime = await prepareRepl(pythonPath);
  } catch (error) {
    throw new ExecutorUnavailableError(`${pythonPath} did not run: ${messageOf(error)}`, { cause: error });
  }
  try {
    if (bwrapPath === undefined) {
      await probe(settings, runtime);
      return new PythonExecutor(settings, runtime, undefined, options.packages);
    }
    const probed = await probeSandbox(settings, runtime);
    const pool = probed.poolSize > 0 ? await poolDirectory(probed) : undefined;
    return new PythonExecutor(probed, runtime, pool, options.packages);
  } catch (error) {
    await runtime.dispose();
    if (error instanceof ExecutorUnavailableError) throw error;
    throw new ExecutorUnavailableError(`${pythonPath} did not start: ${messageOf(error)}`, { cause: error });
  }
}
