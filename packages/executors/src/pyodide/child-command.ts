import type { CgroupSupport, SessionLimits } from '../cgroups/session-cgroup.js';
import { bubblewrapArguments } from './bubblewrap.js';
import type { RuntimeFiles } from './runtime-files.js';

export type PyodideProcessOptions = {
  readonly files: RuntimeFiles;
  readonly maxOutputBytes: number;
  /** Give up when the interpreter is not ready after this long. */
  readonly startTimeoutMs: number;
  /** The one host directory the child may read and write, mounted at `/work`. */
  readonly workDir?: string | undefined;
  /** Boot from this memory snapshot (read-only for the child) instead of starting Python cold. */
  readonly snapshotPath?: string | undefined;
  /** Send a memory snapshot of the freshly booted interpreter on fd 3, before any code runs. */
  readonly makeSnapshot?: boolean | undefined;
  /** Run the child under this bubblewrap binary (namespaces: no network, private PIDs and files). */
  readonly bubblewrap?: string | undefined;
  /** Per-process totals (memory, CPU, tasks) enforced with a cgroup created for this child. */
  readonly cgroup?: { readonly support: CgroupSupport; readonly limits: SessionLimits } | undefined;
  /** Tune the child for memory: V8 flags below, sparse snapshot restore, boot buffers released. */
  readonly lean?: boolean | undefined;
  /** Tags the child's command line, so tests can find every process an executor started. */
  readonly tag?: string | undefined;
};

/**
 * V8 flags of a lean child: a small young generation, heap and code laid out for size, no background
 * compiler or GC threads, and wasm compiled without dynamic tiering (no Liftoff code plus tiering
 * state kept beside the optimized code: about 20 MB less, CPU-bound Python about 1.4x
 * slower), and `gc` for one collection after the boot. Measured in `npm run bench:executors`.
 */
export const leanNodeFlags = [
  '--expose-gc',
  '--max-semi-space-size=1',
  '--optimize-for-size',
  '--single-threaded',
  '--no-wasm-dynamic-tiering',
];

function childArguments(options: PyodideProcessOptions): string[] {
  const { files } = options;
  const args = [
    '--no-warnings',
    '--experimental-permission',
    `--allow-fs-read=${files.pyodideDir}`,
    `--allow-fs-read=${files.runtimeDir}`,
    `--allow-fs-read=${files.rulesScript}`,
    '--allow-worker',
    // Python reaching any JS function must not be able to turn strings into JS code.
    '--disallow-code-generation-from-strings',
    ...(options.lean ? leanNodeFlags : []),
  ];
  if (options.snapshotPath) args.push(`--allow-fs-read=${options.snapshotPath}`);
  if (options.workDir) args.push(`--allow-fs-read=${options.workDir}`, `--allow-fs-write=${options.workDir}`);
  const config = {
    pyodideDir: files.pyodideDir,
    runnerPath: files.runnerScript,
    rulesPath: files.rulesScript,
    maxOutputBytes: options.maxOutputBytes,
    workDir: options.workDir,
    snapshotPath: options.snapshotPath,
    makeSnapshot: options.makeSnapshot === true,
    lean: options.lean === true,
    tag: options.tag,
  };
  args.push(files.childScript, JSON.stringify(config));
  return args;
}

/** The command that starts one confined child: Node under the permission model, inside bubblewrap when set. */
export function childCommand(options: PyodideProcessOptions): [string, string[]] {
  const node = childArguments(options);
  if (!options.bubblewrap) return [process.execPath, node];
  const { files, snapshotPath, workDir } = options;
  const readOnly = [files.pyodideDir, files.runtimeDir, files.rulesScript, ...(snapshotPath ? [snapshotPath] : [])];
  const mounts = { readOnly, readWrite: workDir ? [workDir] : [], chdir: files.runtimeDir };
  return [options.bubblewrap, [...bubblewrapArguments(process.execPath, mounts), process.execPath, ...node]];
}
