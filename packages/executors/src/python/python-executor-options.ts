import { type CgroupSupport, detectCgroups, type SessionLimits } from '../cgroups/session-cgroup.js';
import type { PackageOptions } from '../packages/package-options.js';
import type { DiskQuota } from './disk-quota-watch.js';
import type { PreloadFailure } from './repl-messages.js';

/** Settings of `createPythonExecutor`. Every field is optional. */
export type PythonExecutorOptions = {
  /** Interpreter by absolute path. Default: `$CODEACT_PYTHON`, else `/usr/bin/python3` (never a pyenv shim). */
  readonly pythonPath?: string | undefined;
  /**
   * Run under bubblewrap (default `true`). Where bwrap is missing the executor refuses to start
   * unless this is explicitly `false`.
   */
  readonly sandbox?: boolean | undefined;
  /** bubblewrap by path. Default: `bwrap` found on `$PATH`. */
  readonly bwrapPath?: string | undefined;
  /**
   * Host uid the sandbox is started as when the host runs as root (ignored otherwise). The kernel
   * exempts uid 0 from RLIMIT_NPROC, so a root-owned sandbox could fork without bound; as this uid
   * it holds no root privilege and `maxProcesses` is enforced. Each sandbox has its own user
   * namespace, where the kernel counts processes apart, so sessions never share one budget.
   * A `workDir` passed to `createSession` that already exists must be writable by this uid.
   * Default 65534 (`nobody`).
   */
  readonly runAsUid?: number | undefined;
  /** Host gid to go with `runAsUid` (supplementary groups are dropped). Default: `runAsUid` if given, else 65534. */
  readonly runAsGid?: number | undefined;
  /**
   * A directory whose contents this process owns (e.g. a server's per-conversation work dirs). An
   * existing `workDir` inside it is handed to the sandbox uid like one the executor created; other
   * existing directories are never chowned.
   */
  readonly ownedWorkRoot?: string | undefined;
  /** Default wall-clock limit per action. Default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** How long an interrupted action may take to unwind before the interpreter is killed. Default 50 ms. */
  readonly interruptGraceMs?: number | undefined;
  /** Captured bytes kept per stream per action. Default 1 MiB. */
  readonly maxOutputBytes?: number | undefined;
  /** RLIMIT_AS of the interpreter. Default 2 GiB. */
  readonly memoryLimitBytes?: number | undefined;
  /** RLIMIT_FSIZE: largest file the code may write. Default 1 GiB. */
  readonly fileSizeLimitBytes?: number | undefined;
  /** RLIMIT_NOFILE. Default 256. */
  readonly maxOpenFiles?: number | undefined;
  /** RLIMIT_NPROC inside the sandbox (not applied without one, where it would count all the user's processes). Default 64. */
  readonly maxProcesses?: number | undefined;
  /** Size of the sandbox's private /tmp, and separately of /dev/shm (both memory-backed). Default 256 MiB. */
  readonly tmpSizeBytes?: number | undefined;
  /** Extra environment variables for the interpreter (nothing of the host's environment is passed). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Memory of a session's whole process tree (cgroup; /tmp and /dev/shm count too). Default 1 GiB. */
  readonly sessionMemoryBytes?: number | undefined;
  /** CPU of a session's whole process tree, in cores (cgroup). Default 1. */
  readonly sessionCpus?: number | undefined;
  /**
   * Enforce per-session totals with cgroups where the host allows (default `true`): v2 when memory,
   * pids and cpu are delegated to this process, else writable v1 hierarchies (root). The description
   * says which totals are in force.
   */
  readonly cgroups?: boolean | undefined;
  /**
   * Disk a session may use, checked every second while an action runs (the action is stopped when
   * over): the work directory's bytes (default 1 GiB) and files (default 100,000), and files in /tmp
   * (default 100,000). `false` turns the check off.
   */
  readonly diskQuota?: Partial<DiskQuota> | false | undefined;
  /**
   * Modules every interpreter imports before its session opens, e.g. `['numpy', 'pandas',
   * 'matplotlib']` (matplotlib also draws one figure with Agg, so fonts are cached). Nothing of it
   * is visible in the session's namespace; only `sys.modules` holds it. A module that fails to
   * import is reported (`PythonExecutor.poolStats()`) and left out from then on. Default none.
   */
  readonly preload?: readonly string[] | undefined;
  /** Told once per module of the preload that failed to import in a pool member (it is left out from then on). */
  readonly onPreloadFailed?: ((failure: PreloadFailure) => void) | undefined;
  /**
   * Sandboxes started ahead of demand (with the preload imported), each used by one session and
   * replaced in the background. With `ownedWorkRoot` they live in its `.pool` folder, so a
   * member's work directory is renamed to the one `createSession` asks for. Ignored without a
   * sandbox. Default 0 (every session starts cold).
   */
  readonly poolSize?: number | undefined;
  /**
   * Packages on demand: `%pip install` and `install_packages([...])` in an action ask the host, which
   * installs into the session's site dir (the sandbox stays offline). Default policy `deny`.
   */
  readonly packages?: PackageOptions | undefined;
};

export type PythonExecutorSettings = {
  readonly pythonPath: string;
  /** bwrap's path, or undefined when running without a sandbox. */
  readonly bwrapPath: string | undefined;
  readonly sandboxUid: number | undefined;
  /** Host uid/gid bwrap is started as (set only when the host is root and a sandbox is used). */
  readonly runAs: RunAs | undefined;
  readonly ownedWorkRoot: string | undefined;
  readonly timeoutMs: number;
  readonly interruptGraceMs: number;
  readonly maxOutputBytes: number;
  readonly memoryLimitBytes: number;
  readonly fileSizeLimitBytes: number;
  readonly maxOpenFiles: number;
  readonly maxProcesses: number;
  readonly tmpSizeBytes: number;
  readonly env: Readonly<Record<string, string>>;
  readonly cgroups: CgroupSupport;
  readonly sessionLimits: SessionLimits;
  readonly diskQuota: DiskQuota | undefined;
  readonly preload: readonly string[];
  readonly onPreloadFailed: ((failure: PreloadFailure) => void) | undefined;
  readonly poolSize: number;
};

export type RunAs = { readonly uid: number; readonly gid: number };

const mebibyte = 1024 * 1024;
const nobody = 65534;

function checkId(name: string, value: number | undefined): number | undefined {
  if (value === undefined || (Number.isInteger(value) && value > 0 && value < 2 ** 32 - 1)) return value;
  throw new RangeError(`${name} must be a positive integer (an unprivileged host id), got ${value}.`);
}

function checkPoolSize(size: number): number {
  if (Number.isInteger(size) && size >= 0 && size <= 256) return size;
  throw new RangeError(`poolSize must be an integer from 0 to 256, got ${size}.`);
}

/** The unprivileged host identity for bwrap: only when the host is root and a sandbox is used. */
export function resolveRunAs(options: PythonExecutorOptions, sandboxed: boolean): RunAs | undefined {
  const uid = checkId('runAsUid', options.runAsUid);
  const gid = checkId('runAsGid', options.runAsGid);
  if (!sandboxed || process.getuid?.() !== 0) return undefined;
  return { uid: uid ?? nobody, gid: gid ?? uid ?? nobody };
}

export function resolvePythonSettings(
  options: PythonExecutorOptions,
  pythonPath: string,
  bwrapPath: string | undefined,
): PythonExecutorSettings {
  return {
    pythonPath,
    bwrapPath,
    sandboxUid: nobody,
    runAs: resolveRunAs(options, bwrapPath !== undefined),
    ownedWorkRoot: options.ownedWorkRoot,
    timeoutMs: options.timeoutMs ?? 30_000,
    interruptGraceMs: options.interruptGraceMs ?? 50,
    maxOutputBytes: options.maxOutputBytes ?? mebibyte,
    memoryLimitBytes: options.memoryLimitBytes ?? 2048 * mebibyte,
    fileSizeLimitBytes: options.fileSizeLimitBytes ?? 1024 * mebibyte,
    maxOpenFiles: options.maxOpenFiles ?? 256,
    maxProcesses: options.maxProcesses ?? 64,
    tmpSizeBytes: options.tmpSizeBytes ?? 256 * mebibyte,
    env: options.env ?? {},
    cgroups:
      options.cgroups === false || bwrapPath === undefined
        ? { version: undefined, reason: options.cgroups === false ? 'turned off' : 'no sandbox' }
        : detectCgroups(),
    diskQuota:
      options.diskQuota === false
        ? undefined
        : {
            workDirBytes: options.diskQuota?.workDirBytes ?? 1024 * mebibyte,
            workDirFiles: options.diskQuota?.workDirFiles ?? 100_000,
            tmpFiles: options.diskQuota?.tmpFiles ?? 100_000,
          },
    preload: options.preload ?? [],
    onPreloadFailed: options.onPreloadFailed,
    poolSize: bwrapPath === undefined ? 0 : checkPoolSize(options.poolSize ?? 0),
    sessionLimits: {
      memoryBytes: options.sessionMemoryBytes ?? 1024 * mebibyte,
      cpus: options.sessionCpus ?? 1,
      tasks: options.maxProcesses ?? 64,
    },
  };
}
