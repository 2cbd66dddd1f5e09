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
};

export type PythonExecutorSettings = {
  readonly pythonPath: string;
  /** bwrap's path, or undefined when running without a sandbox. */
  readonly bwrapPath: string | undefined;
  readonly sandboxUid: number | undefined;
  readonly timeoutMs: number;
  readonly interruptGraceMs: number;
  readonly maxOutputBytes: number;
  readonly memoryLimitBytes: number;
  readonly fileSizeLimitBytes: number;
  readonly maxOpenFiles: number;
  readonly maxProcesses: number;
  readonly tmpSizeBytes: number;
  readonly env: Readonly<Record<string, string>>;
};

const mebibyte = 1024 * 1024;

export function resolvePythonSettings(
  options: PythonExecutorOptions,
  pythonPath: string,
  bwrapPath: string | undefined,
): PythonExecutorSettings {
  return {
    pythonPath,
    bwrapPath,
    sandboxUid: 65534,
    timeoutMs: options.timeoutMs ?? 30_000,
    interruptGraceMs: options.interruptGraceMs ?? 50,
    maxOutputBytes: options.maxOutputBytes ?? mebibyte,
    memoryLimitBytes: options.memoryLimitBytes ?? 2048 * mebibyte,
    fileSizeLimitBytes: options.fileSizeLimitBytes ?? 1024 * mebibyte,
    maxOpenFiles: options.maxOpenFiles ?? 256,
    maxProcesses: options.maxProcesses ?? 64,
    tmpSizeBytes: options.tmpSizeBytes ?? 256 * mebibyte,
    env: options.env ?? {},
  };
}
