import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreateSessionOptions, type Executor, ExecutorError, type ExecutorSession } from '@codeact/core';
import { describeLimits, joinCgroupCommand, type SessionCgroup } from '../cgroups/session-cgroup.js';
import { type PackageOptions, type PackageSupport, resolvePackageSupport } from '../packages/package-options.js';
import { buildReplLaunch } from './build-repl-launch.js';
import { canTraverseTo, grantToSandbox, grantTreeToSandbox, isInside } from './grant-to-sandbox.js';
import { moveWorkDir } from './move-work-dir.js';
import { createSessionCgroup, discardPoolMember, type PoolMember, startPoolMember } from './pool-member.js';
import type { ReplRuntime } from './prepare-repl.js';
import type { PythonExecutorSettings } from './python-executor-options.js';
import { PythonSession } from './python-session.js';
import { type PythonPoolStats, PythonWarmPool } from './python-warm-pool.js';
import type { PreloadFailure } from './repl-messages.js';

/** A session's directories, prepared as for a cold start. */
type WorkDir = {
  readonly workDir: string;
  readonly ownsWorkDir: boolean;
  /** The work dir was created by this call (not the caller's). */
  readonly created: boolean;
  readonly siteDir: string;
  readonly ownsSiteDir: boolean;
  /** `runAs` as decided for these directories. */
  readonly settings: PythonExecutorSettings;
};

/** The directories `createSession` was asked for (undefined: the executor makes its own). */
type Requested = { readonly workDir: string | undefined; readonly siteDir: string | undefined };

/** CPython in persistent REPL processes, one per session. Made by `createPythonExecutor`. */
export class PythonExecutor implements Executor {
  readonly specificationVersion = 'v1' as const;
  readonly executorId = 'python';
  readonly description: string;
  readonly settings: PythonExecutorSettings;
  private readonly runtime: ReplRuntime;
  private readonly sessions = new Set<ExecutorSession>();
  private readonly pool: PythonWarmPool | undefined;
  private readonly poolDirectory: string | undefined;
  private preload: readonly string[];
  private readonly preloadFailed: PreloadFailure[] = [];
  private readonly packages: PackageSupport;
  private disposed = false;

  /** `poolDirectory` (where members' work dirs wait) is needed when `settings.poolSize` > 0. */
  constructor(
    settings: PythonExecutorSettings,
    runtime: ReplRuntime,
    poolDirectory?: string,
    packages?: PackageOptions,
  ) {
    this.settings = settings;
    this.runtime = runtime;
    this.packages = resolvePackageSupport(packages, settings.pythonPath);
    this.preload = settings.preload;
    const notes = [
      settings.sandboxUid === undefined ? 'uid not remapped' : undefined,
      // Root is exempt from RLIMIT_NPROC: only reached where unprivileged bwrap cannot start.
      settings.runAs === undefined && process.getuid?.() === 0 ? 'as host root: process limit not enforced' : undefined,
      runtime.seccompFile === undefined ? 'no seccomp filter: install python3-seccomp' : undefined,
    ].filter((note) => note !== undefined);
    const where =
      settings.bwrapPath === undefined
        ? 'without a sandbox'
        : `under bubblewrap${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
    const totals =
      settings.bwrapPath === undefined ? '' : `, ${describeLimits(settings.cgroups, settings.sessionLimits)}`;
    const preload = settings.preload.length > 0 ? `, preloads ${settings.preload.join(', ')}` : '';
    this.description = `CPython ${runtime.version} (${settings.pythonPath}) ${where}${totals}${preload}`;
    this.poolDirectory = poolDirectory;
    if (settings.poolSize > 0 && poolDirectory !== undefined) {
      this.pool = new PythonWarmPool({
        size: settings.poolSize,
        start: () => startPoolMember(this.settings, this.runtime, poolDirectory, this.preload).then(this.notePreload),
      });
      this.pool.fill();
    }
  }

  async createSession(options: CreateSessionOptions = {}): Promise<ExecutorSession> {
    if (this.disposed) throw new ExecutorError('The Python executor has been disposed.');
    const requested: Requested = {
      workDir: options.workDir === undefined ? undefined : resolve(options.workDir),
      siteDir: options.siteDir === undefined ? undefined : resolve(options.siteDir),
    };
    // A site dir kept from an earlier session (a conversation's) gets back from the cache what its record lists.
    if (requested.siteDir !== undefined) await this.packages.installer.restore(requested.siteDir, options.abortSignal);
    if (this.pool && (await this.mayReplace(requested.workDir)) && (await this.mayReplace(requested.siteDir))) {
      const member = await this.pool.take();
      const session = member && (await this.openWarm(member, requested, options));
      this.pool.count(session !== undefined);
      if (session) return session;
    }
    return this.openCold(await this.openDirs(requested), options);
  }

  /** The warm pool's state, or undefined without a pool. */
  poolStats(): PythonPoolStats | undefined {
    return this.pool?.stats(this.preload, this.preloadFailed);
  }

  /** Resolves once the warm pool has started its members (for benchmarks and tests). */
  async whenPoolFull(): Promise<void> {
    await this.pool?.whenFull();
  }

  /** Closes every session this executor opened. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.pool?.dispose();
    await Promise.all([...this.sessions].map((session) => session.close()));
    if (this.poolDirectory) await rm(this.poolDirectory, { recursive: true, force: true });
    await this.runtime.dispose();
  }

  /** Records modules of the preload that failed, and leaves them out from then on. */
  private readonly notePreload = (member: PoolMember): PoolMember => {
    const failed = member.repl.ready?.preloadFailed ?? [];
    for (const failure of failed) {
      if (!this.preload.includes(failure.module)) continue;
      this.preloadFailed.push(failure);
      this.settings.onPreloadFailed?.(failure);
    }
    const names = new Set(failed.map((failure) => failure.module));
    if (names.size > 0) this.preload = this.preload.filter((name) => !names.has(name));
    return member;
  };

  /** Whether a pool member's directory may take the place of `directory`: a new one, or one inside the owned work root. */
  private async mayReplace(directory: string | undefined): Promise<boolean> {
    if (directory === undefined) return true;
    const exists = await stat(directory).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!exists) return true;
    const root = this.settings.ownedWorkRoot;
    return root !== undefined && (await isInside(directory, root));
  }

  /** Hands `member` to a new session in the requested directories (its own where none); undefined when it cannot. */
  private async openWarm(
    member: PoolMember,
    requested: Requested,
    options: CreateSessionOptions,
  ): Promise<ExecutorSession | undefined> {
    const dirs = await this.openDirs(requested, member);
    // Never weaker than a cold session there: the same uid decision, and only renames on one filesystem.
    const sameUid = (dirs.settings.runAs === undefined) === (member.settings.runAs === undefined);
    const moved =
      sameUid &&
      (dirs.ownsWorkDir || (await moveWorkDir(member.workDir, dirs.workDir))) &&
      (dirs.ownsSiteDir || (await moveWorkDir(member.siteDir, dirs.siteDir)));
    const stubs = options.tools?.pythonStubs ?? '';
    member.cgroup?.setCpuPriority('normal');
    member.repl.takeStderr();
    const attached =
      moved &&
      (await member.repl.attach(stubs, options.tools).then(
        () => true,
        () => false,
      ));
    if (!attached) {
      // What was renamed already is the session's directory now; only the member's own paths go.
      await discardPoolMember(member);
      return undefined;
    }
    return this.open({ ...dirs, settings: member.settings }, options, member.sessionId, member.cgroup, member);
  }

  private async openCold(dir: WorkDir, options: CreateSessionOptions): Promise<ExecutorSession> {
    const sessionId = randomUUID();
    const { settings } = dir;
    return this.open(dir, options, sessionId, createSessionCgroup(settings, sessionId), undefined);
  }

  private async open(
    dir: WorkDir,
    options: CreateSessionOptions,
    sessionId: string,
    cgroup: SessionCgroup | undefined,
    member: PoolMember | undefined,
  ): Promise<ExecutorSession> {
    const { settings, workDir } = dir;
    const stubs = options.tools?.pythonStubs ?? '';
    // A restart (after a crash, or of a pooled session) starts cold with the same preload and dirs.
    const base = buildReplLaunch(settings, this.runtime, { workDir, siteDir: dir.siteDir }, stubs, {
      preload: this.preload,
    });
    const [command, args] = joinCgroupCommand(cgroup, base.command, base.args);
    const opening = PythonSession.open(
      {
        sessionId,
        workDir,
        ownsWorkDir: dir.ownsWorkDir,
        siteDir: dir.siteDir,
        ownsSiteDir: dir.ownsSiteDir,
        packages: this.packages,
        launch: { ...base, command, args, tools: options.tools },
        cgroup,
        diskQuota: this.settings.diskQuota,
        tools: options.tools,
        timeoutMs: this.settings.timeoutMs,
        interruptGraceMs: this.settings.interruptGraceMs,
        onClose: (closed) => this.sessions.delete(closed),
      },
      options.abortSignal,
      member?.repl,
    );
    const session = await opening.catch((error: unknown) => {
      cgroup?.dispose();
      const runAs = settings.runAs;
      if (dir.created || runAs === undefined || !(error instanceof ExecutorError)) throw error;
      throw new ExecutorError(
        `${error.message} (the sandbox runs as host uid ${runAs.uid}: an existing workDir must be writable by it)`,
        { cause: error },
      );
    });
    this.sessions.add(session);
    return session;
  }

  /**
   * Creates or adopts the session's directories (a pool member's own where none was requested) and
   * decides the uid the sandbox runs as there.
   */
  private async openDirs(requested: Requested, member?: PoolMember): Promise<WorkDir> {
    // `settings` is what a cold session here would run with: a member is used only when it matches.
    const ownsWorkDir = requested.workDir === undefined;
    const workDir = requested.workDir ?? member?.workDir ?? (await mkdtemp(join(tmpdir(), 'codeact-session-')));
    // `mkdir` returns undefined when the directory already existed: the caller's, left as it is.
    const created = ownsWorkDir || (await mkdir(workDir, { recursive: true })) !== undefined;
    const runAs = this.settings.runAs;
    // Decided before any chown: a directory the sandbox uid cannot reach is left to the host user,
    // who then runs this session's bwrap (the process limit is then not enforced for it).
    const reachable = runAs !== undefined && (await canTraverseTo(workDir, runAs));
    if (created && !(ownsWorkDir && member)) {
      if (reachable) await grantToSandbox(runAs, workDir);
    } else if (
      !created &&
      reachable &&
      this.settings.ownedWorkRoot !== undefined &&
      (await isInside(workDir, this.settings.ownedWorkRoot))
    ) {
      await grantTreeToSandbox(runAs, workDir);
    }
    const ownsSiteDir = requested.siteDir === undefined;
    const siteDir = ownsSiteDir && member ? member.siteDir : await makeSiteDir(requested.siteDir);
    // A caller's existing directory is never chowned (outside `ownedWorkRoot`). When the sandbox uid
    // cannot reach or write the work dir, or reach a caller's site dir, this one session runs bwrap
    // as the host user instead.
    const unreachable =
      runAs !== undefined &&
      (!reachable ||
        (!ownsWorkDir && !(await isWritableBy(workDir, runAs))) ||
        (!ownsSiteDir && !(await canTraverseTo(siteDir, runAs))));
    const settings = unreachable ? { ...this.settings, runAs: undefined } : this.settings;
    return { workDir, ownsWorkDir, created, siteDir, ownsSiteDir, settings };
  }
}

/**
 * The session's site dir: the caller's (created when missing) or a new temporary one. Owned by the
 * host and only readable by the sandbox, which sees it read-only at /codeact/site.
 */
async function makeSiteDir(given: string | undefined): Promise<string> {
  const siteDir = given === undefined ? await mkdtemp(join(tmpdir(), 'codeact-site-')) : resolve(given);
  const created = given === undefined ? siteDir : await mkdir(siteDir, { recursive: true });
  if (created !== undefined) await chmod(siteDir, 0o755);
  return siteDir;
}

/** Whether `uid`/`gid` may create files in `directory`, judged from its mode bits. */
async function isWritableBy(directory: string, runAs: { uid: number; gid: number }): Promise<boolean> {
  const info = await stat(directory);
  if (info.uid === runAs.uid) return (info.mode & 0o300) === 0o300;
  if (info.gid === runAs.gid) return (info.mode & 0o030) === 0o030;
  return (info.mode & 0o003) === 0o003;
}
