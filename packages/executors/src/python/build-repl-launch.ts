import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBwrapArgs, sandboxSiteDir, sandboxWorkDir } from './build-bwrap-args.js';
import type { ReplRuntime } from './prepare-repl.js';
import type { PythonExecutorSettings } from './python-executor-options.js';
import type { ReplInit } from './repl-messages.js';
import type { ReplLaunch } from './repl-process.js';

/** bwrap reads the seccomp filter from this descriptor (the fourth stdio entry of the spawn). */
export const seccompFd = 3;

const threadCaps = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'NUMEXPR_NUM_THREADS'];

/** The whole environment of the interpreter: built from nothing, never from `process.env`. */
function interpreterEnv(settings: PythonExecutorSettings, home: string, matplotlibDir: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    MPLBACKEND: 'Agg',
    MPLCONFIGDIR: matplotlibDir,
  };
  for (const name of threadCaps) env[name] = '1';
  return { ...env, ...settings.env };
}

function limits(settings: PythonExecutorSettings, sandboxed: boolean): Record<string, number> {
  const values: Record<string, number> = {
    RLIMIT_AS: settings.memoryLimitBytes,
    RLIMIT_NOFILE: settings.maxOpenFiles,
    RLIMIT_FSIZE: settings.fileSizeLimitBytes,
    RLIMIT_CORE: 0,
  };
  if (sandboxed) values.RLIMIT_NPROC = settings.maxProcesses;
  return values;
}

/** The session's directories on the host: its work dir and the site dir of its installed packages. */
export type SessionDirs = { readonly workDir: string; readonly siteDir: string };

/**
 * How to start one REPL for a session whose directories are `dirs` on the host. `preload` is
 * imported first; `pooled` makes it wait for the session's stubs (`ReplProcess.attach`).
 */
export function buildReplLaunch(
  settings: PythonExecutorSettings,
  runtime: ReplRuntime,
  dirs: SessionDirs,
  stubs: string,
  start: { readonly preload?: readonly string[]; readonly pooled?: boolean } = {},
): ReplLaunch {
  const { workDir, siteDir } = dirs;
  const bwrapPath = settings.bwrapPath;
  const extra = {
    ...(runtime.sysPath === undefined ? {} : { sysPath: runtime.sysPath }),
    ...(start.preload?.length ? { preload: start.preload } : {}),
    ...(start.pooled ? { pooled: true } : {}),
  };
  if (bwrapPath === undefined) {
    const matplotlibDir = join(tmpdir(), `codeact-matplotlib-${process.getuid?.() ?? 'user'}`);
    const init: ReplInit = {
      type: 'init',
      stubs,
      workDir,
      siteDir,
      maxOutputBytes: settings.maxOutputBytes,
      limits: limits(settings, false),
      ...extra,
      parentDeathSignal: true,
      parentPid: process.pid,
    };
    return {
      command: settings.pythonPath,
      args: [...runtime.pythonArgs, join(runtime.directory, runtime.entry)],
      env: interpreterEnv(settings, workDir, matplotlibDir),
      cwd: workDir,
      sandboxed: false,
      init,
    };
  }
  const args = buildBwrapArgs({
    pythonPath: settings.pythonPath,
    pythonArgs: runtime.pythonArgs,
    replDir: runtime.directory,
    replEntry: runtime.entry,
    workDir,
    siteDir,
    env: interpreterEnv(settings, sandboxWorkDir, '/tmp/matplotlib'),
    uid: settings.sandboxUid,
    tmpSizeBytes: settings.tmpSizeBytes,
    passwdFile: runtime.passwdFile,
    groupFile: runtime.groupFile,
    seccompFd: runtime.seccompFile === undefined ? undefined : seccompFd,
  });
  const init: ReplInit = {
    type: 'init',
    stubs,
    workDir: sandboxWorkDir,
    siteDir: sandboxSiteDir,
    maxOutputBytes: settings.maxOutputBytes,
    limits: limits(settings, true),
    ...extra,
    stopStrays: true,
  };
  // As root, bwrap starts as an unprivileged host uid: the kernel then enforces RLIMIT_NPROC.
  return {
    command: bwrapPath,
    args,
    env: { PATH: '/usr/bin:/bin' },
    runAs: settings.runAs,
    sandboxed: true,
    init,
    ...(runtime.seccompFile === undefined ? {} : { seccompFile: runtime.seccompFile }),
  };
}
