import { randomUUID } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type CreateSessionOptions,
  type Executor,
  ExecutorError,
  type ExecutorSession,
  ExecutorUnavailableError,
  type ToolHost,
} from '@codeact/core';
import { type CgroupSupport, describeLimits, detectCgroups } from '../cgroups/session-cgroup.js';
import type { PackageOptions } from '../packages/package-options.js';
import { createPyodidePackageSupport } from '../packages/pyodide-install-call.js';
import { pyodideInstallHelper } from '../packages/pyodide-install-helper.js';
import { PyodideSessionPackages } from '../packages/pyodide-session-packages.js';
import { abortable } from './abortable.js';
import { usableBubblewrap } from './bubblewrap.js';
import { MemorySnapshot, type MemorySnapshotState } from './memory-snapshot.js';
import { PyodideProcess } from './pyodide-process.js';
import { PyodideSession } from './pyodide-session.js';
import { locateRuntimeFiles } from './runtime-files.js';
import { defaultSnapshotCacheDir, SnapshotCache, snapshotKey } from './snapshot-cache.js';
import { WarmPool, type WarmPoolStatus } from './warm-pool.js';

export type PyodideExecutorOptions = {
  /** Packages on demand (`%pip install`, `install_packages`): as for CPython, unpacked into the session. */
  readonly packages?: PackageOptions | undefined;
  /** Interpreters kept booted for new sessions and restarts. Default 1; 0 boots one per request. */
  readonly poolSize?: number;
  /** Default per-action time limit. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /**
   * CPU time an interrupted action may use before its process is killed (C-level loops, code that
   * swallows KeyboardInterrupt). Measured in the child, so a starved interpreter on a busy host is not
   * killed for waiting; a wall-clock backstop of this plus 500 ms still applies. Default 50 ms.
   */
  readonly interruptGraceMs?: number;
  /** Cap on captured stdout, and separately on stderr, in UTF-8 bytes. Default 1 MiB. */
  readonly maxOutputBytes?: number;
  /**
   * Boot interpreters from a memory snapshot of the first one (Pyodide's private snapshot API,
   * about 5x faster than a cold boot). Falls back to cold boots when it fails. Default true.
   */
  readonly memorySnapshot?: boolean;
  /**
   * Directory where the memory snapshot persists between runs, so a later process boots from it at
   * once (`false`: keep it in a temporary directory for this executor only). Default
   * `$CODEACT_CACHE_DIR/pyodide`, else `$XDG_CACHE_HOME/codeact/pyodide`, else `~/.cache/codeact/pyodide`.
   */
  readonly snapshotCache?: string | false;
  /**
   * Tune each child for memory (V8 flags for a small heap, snapshot zero pages left unbacked, boot
   * buffers released): about 40% of the memory of an idle session, CPU-bound Python ~1.4x slower. Default true.
   */
  readonly lean?: boolean;
  /** Give up booting an interpreter after this long. Default 60 000 ms. */
  readonly startTimeoutMs?: number;
  /**
   * OS namespaces around each child with bubblewrap (no network at all, no view of host processes or
   * files): `auto` (default) uses them when `bwrap` works on this host, `required` fails when it does
   * not, `off` relies on the Node permission model and the JS-level blocks alone.
   */
  readonly bubblewrap?: 'auto' | 'required' | 'off';
  /**
   * Enforce totals per interpreter process with a cgroup of its own where the host allows (default
   * `true`; v2 with memory, pids and cpu delegated, else writable v1 hierarchies as root). The
   * description says which totals are in force.
   */
  readonly cgroups?: boolean;
  /** Memory total per interpreter (Node, Pyodide's WebAssembly heap and all). Default 1 GiB; an idle one uses about 70 MB. */
  readonly sessionMemoryBytes?: number;
  /** CPU time per wall time per interpreter (1 = one core). Default 1. */
  readonly sessionCpus?: number;
  /** Threads per interpreter process (Node's own, Pyodide has none). Default 64. */
  readonly maxTasks?: number;
  /** Added to every child's command line, so its processes can be found with `ps`. */
  readonly processTag?: string;
};

/** Pool and snapshot state, for benchmarks and diagnostics. */
export type PyodidePoolStatus = WarmPoolStatus & { readonly snapshot: MemorySnapshotState };

/** The Pyodide executor, plus the hooks benchmarks need to measure warm paths. */
export interface PyodideExecutor extends Executor {
  readonly executorId: 'pyodide';
  /** Resolves when every pooled interpreter has booted: call it before timing `createSession`. */
  warmUp(): Promise<void>;
  poolStatus(): PyodidePoolStatus;
}

/**
 * Runs Python with Pyodide (CPython compiled to WebAssembly), one confined child Node process per
 * session: empty environment, Node's permission model (reads only the Pyodide package and the
 * runtime scripts, no writes, no child processes, no addons), no code generation from strings, and
 * network, signals, `vm` and extra workers removed from the JS that Python could reach. No numpy or
 * other binary packages offline. A warm pool keeps booted interpreters ready.
 *
 * @example
 * const executor = createPyodideExecutor({ poolSize: 2 });
 * const session = await executor.createSession({ tools: createToolHost([weather]) });
 * const execution = await session.execute({ code: 'print(weather(city="Oslo"))' });
 */
export function createPyodideExecutor(options: PyodideExecutorOptions = {}): PyodideExecutor {
  const files = locateRuntimeFiles();
  const packages = createPyodidePackageSupport(options.packages, files);
  const mode = options.bubblewrap ?? 'auto';
  const bubblewrap = mode === 'off' ? undefined : usableBubblewrap(process.execPath);
  if (mode === 'required' && !bubblewrap) {
    throw new ExecutorUnavailableError('bubblewrap (bwrap) is required but cannot create namespaces on this host.');
  }
  const maxOutputBytes = options.maxOutputBytes ?? 1024 * 1024;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const cacheDir = options.snapshotCache ?? defaultSnapshotCacheDir();
  const snapshot = new MemorySnapshot(
    options.memorySnapshot ?? true,
    cacheDir === false ? undefined : new SnapshotCache(cacheDir, snapshotKey(files)),
  );
  const lean = options.lean ?? true;
  const support: CgroupSupport =
    options.cgroups === false ? { version: undefined, reason: 'turned off' } : detectCgroups();
  const limits = {
    memoryBytes: options.sessionMemoryBytes ?? 1024 * 1024 * 1024,
    cpus: options.sessionCpus ?? 1,
    tasks: options.maxTasks ?? 64,
  };
  const cgroup = support.version === undefined ? undefined : { support, limits };
  const sessions = new Set<PyodideSession>();
  let disposed = false;
  let snapshotSettled: Promise<void> = Promise.resolve();

  const spawn = (workDir?: string): PyodideProcess => {
    const base = { files, maxOutputBytes, startTimeoutMs, workDir, bubblewrap, cgroup, lean, tag: options.processTag };
    const snapshotPath = snapshot.path;
    if (snapshotPath) {
      const process = new PyodideProcess({ ...base, snapshotPath });
      process.ready.catch(() => {
        if (!process.wasKilled && snapshot.path === snapshotPath) snapshot.fail();
      });
      return process;
    }
    if (snapshot.claimMaker()) {
      // Booting cold runs Python's whole start-up: without the lean flags it takes about 40% less time.
      const process = new PyodideProcess({ ...base, lean: false, makeSnapshot: true });
      snapshotSettled = process.snapshot.then(async (bytes) => {
        await snapshot.save(bytes);
        pool.fill();
      });
      return process;
    }
    return new PyodideProcess(base);
  };

  const pool: WarmPool = new WarmPool({
    size: Math.max(0, options.poolSize ?? 1),
    spawn: () => spawn(),
    canSpawn: () => !snapshot.making,
  });
  // A snapshot stored by an earlier run is checked before the pool fills, so no child boots cold for nothing.
  const loaded = snapshot.load().then(() => pool.fill());

  const boot = async (process: PyodideProcess, abortSignal: AbortSignal | undefined, retry: () => PyodideProcess) => {
    try {
      await abortable(process.ready, abortSignal);
      return process;
    } catch (error) {
      // A child booted from a broken snapshot fails once; boot cold instead (remaking a cached one).
      if (abortSignal?.aborted || !process.fromSnapshot) throw error;
      const cold = retry();
      cold.hold();
      try {
        await abortable(cold.ready, abortSignal);
        return cold;
      } catch (coldError) {
        cold.kill();
        throw coldError;
      } finally {
        cold.release();
      }
    }
  };

  const acquire = async (tools: ToolHost | undefined, workDir: string | undefined, abortSignal?: AbortSignal) => {
    if (disposed) throw new ExecutorError('The Pyodide executor is disposed.');
    await abortable(loaded, abortSignal);
    const first = workDir ? spawn(workDir) : pool.take();
    first.hold();
    let process = first;
    try {
      process = await boot(first, abortSignal, () => spawn(workDir));
      // The package helper (`install_packages`) comes first, then the tool stubs.
      const stubs = `${pyodideInstallHelper}\n${tools?.pythonStubs ?? ''}`;
      const outcome = await abortable(process.run('setup', stubs), abortSignal);
      if (outcome.type === 'exit') throw new ExecutorError(`Installing the tool stubs failed: ${outcome.reason}`);
      if (outcome.reply.error) {
        throw new ExecutorError(`The tool stubs raised ${outcome.reply.error.name}: ${outcome.reply.error.message}`);
      }
      return process;
    } catch (error) {
      process.kill();
      first.kill();
      throw error;
    } finally {
      first.release();
    }
  };

  return {
    specificationVersion: 'v1',
    executorId: 'pyodide',
    description: `Pyodide ${files.pyodideVersion} (CPython ${files.pythonVersion}, WebAssembly) in a confined Node child process per session${bubblewrap ? ' under bubblewrap' : ''}, ${describeLimits(support, limits)}`,

    async createSession(sessionOptions: CreateSessionOptions = {}): Promise<ExecutorSession> {
      const { tools, abortSignal } = sessionOptions;
      let workDir: string | undefined;
      if (sessionOptions.workDir !== undefined) {
        mkdirSync(sessionOptions.workDir, { recursive: true });
        workDir = realpathSync(resolve(sessionOptions.workDir));
      }
      // The session's installed packages (those an earlier session left in a given site dir too),
      // put into its first interpreter and back into one that replaces a dead one.
      const installs = new PyodideSessionPackages(packages, sessionOptions.siteDir);
      await installs.load();
      const first = await acquire(tools, workDir, abortSignal);
      await installs.restore(first).catch(async (error: unknown) => {
        await first.stop();
        throw error;
      });
      if (disposed) {
        await first.stop();
        throw new ExecutorError('The Pyodide executor is disposed.');
      }
      const session: PyodideSession = new PyodideSession(
        {
          sessionId: `pyodide-${randomUUID()}`,
          workDir,
          tools,
          packages: installs,
          acquire: (signal) => acquire(tools, workDir, signal).then((process) => installs.restore(process)),
          timeoutMs: options.timeoutMs ?? 30_000,
          interruptGraceMs: options.interruptGraceMs ?? 50,
          onClose: () => sessions.delete(session),
        },
        first,
      );
      sessions.add(session);
      return session;
    },

    async warmUp(): Promise<void> {
      await loaded;
      await snapshotSettled;
      pool.fill();
      await pool.whenFull();
    },

    poolStatus(): PyodidePoolStatus {
      return { ...pool.status(), snapshot: snapshot.state };
    },

    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await Promise.all([...sessions].map((session) => session.close()));
      await pool.dispose();
      // A snapshot being stored for later runs is finished first (a one-shot `codeact exec` makes it).
      await snapshotSettled.catch(() => {});
      snapshot.dispose();
    },
  };
}
