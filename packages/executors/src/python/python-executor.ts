import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreateSessionOptions, type Executor, ExecutorError, type ExecutorSession } from '@codeact/core';
import { describeLimits, joinCgroupCommand, SessionCgroup } from '../cgroups/session-cgroup.js';
import { buildReplLaunch } from './build-repl-launch.js';
import { canTraverseTo, grantToSandbox, grantTreeToSandbox, isInside } from './grant-to-sandbox.js';
import { moveWorkDir } from './move-work-dir.js';
import { discardPoolMember, type PoolMember, startPoolMember } from './pool-member.js';
import type { ReplRuntime } from './prepare-repl.js';
import type { PythonExecutorSettings } from './python-executor-options.js';
import { PythonSession } from './python-session.js';
import { type PythonPoolStats, PythonWarmPool } from './python-warm-pool.js';
import type { PreloadFailure } from './repl-messages.js';

/** A session's work directory, prepared as for a cold start. */
type WorkDir = {
  readonly workDir: string;
  readonly ownsWorkDir: boolean;
  /** Created by this call (not the caller's). */
  readonly created: boolean;
  readonly settings: PythonExecutorSettings;
};

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
  private disposed = false;

  /** `poolDirectory` (where members' work dirs wait) is needed when `settings.poolSize` > 0. */
  constructor(settings: PythonExecutorSettings, runtime: ReplRuntime, poolDirectory?: string) {
    this.settings = settings;
    this.runtime = runtime;
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
    const requested = options.workDir === undefined ? undefined : resolve(options.workDir);
    if (this.pool && (requested === undefined || (await this.mayReplace(requested)))) {
      const member = await this.pool.take();
      const session = member && (await this.openWarm(member, requested, options));
      this.pool.count(session !== undefined);
      if (session) return session;
    }
    return this.openCold(await this.openWorkDir(requested), options);
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
      if (this.preload.includes(failure.module)) this.preloadFailed.push(failure);
    }
    const names = new Set(failed.map((failure) => failure.module));
    if (names.size > 0) this.preload = this.preload.filter((name) => !names.has(name));
    return member;
  };

  /** A directory a pool member's may replace: a new one, or one inside the owned work root. */
  private async mayReplace(workDir: string): Promise<boolean> {
    const exists = await stat(workDir).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!exists) return true;
    const root = this.settings.ownedWorkRoot;
    return root !== undefined && (await isInside(workDir, root));
  }

  /** Hands `member` to a new session in `requested` (its own directory when undefined); undefined when it cannot. */
  private async openWarm(
    member: PoolMember,
    requested: string | undefined,
    options: CreateSessionOptions,
  ): Promise<ExecutorSession | undefined> {
    let dir: WorkDir = { workDir: member.workDir, ownsWorkDir: true, created: true, settings: member.settings };
    if (requested !== undefined) {
      const target = await this.openWorkDir(requested);
      // Never weaker than a cold session there: the same uid decision, the same filesystem.
      const sameUid = (target.settings.runAs === undefined) === (member.settings.runAs === undefined);
      if (!sameUid || !(await moveWorkDir(member.workDir, requested))) {
        await discardPoolMember(member);
        return undefined;
      }
      dir = { ...target, settings: member.settings };
    }
    const stubs = options.tools?.pythonStubs ?? '';
    member.repl.takeStderr();
    try {
      await member.repl.attach(stubs, options.tools);
    } catch {
      member.cgroup?.dispose();
      if (requested === undefined) await rm(member.workDir, { recursive: true, force: true });
      return undefined;
    }
    return this.open(dir, options, member.sessionId, member.cgroup, member);
  }

  private async openCold(dir: WorkDir, options: CreateSessionOptions): Promise<ExecutorSession> {
    const sessionId = randomUUID();
    const { settings } = dir;
    const cgroup =
      settings.cgroups.version === undefined
        ? undefined
        : SessionCgroup.create(settings.cgroups, sessionId, settings.sessionLimits, settings.runAs);
    return this.open(dir, options, sessionId, cgroup, undefined);
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
    const base = buildReplLaunch(settings, this.runtime, workDir, stubs, { preload: this.preload });
    const [command, args] = cgroup ? joinCgroupCommand(cgroup, base.command, base.args) : [base.command, base.args];
    const opening = PythonSession.open(
      {
        sessionId,
        workDir,
        ownsWorkDir: dir.ownsWorkDir,
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

  /** Creates or adopts the work directory and decides the uid the sandbox runs as there. */
  private async openWorkDir(requested: string | undefined): Promise<WorkDir> {
    const ownsWorkDir = requested === undefined;
    const workDir = requested ?? (await mkdtemp(join(tmpdir(), 'codeact-session-')));
    // `mkdir` returns undefined when the directory already existed: the caller's, left as it is.
    const created = ownsWorkDir || (await mkdir(workDir, { recursive: true })) !== undefined;
    if (created) await grantToSandbox(this.settings.runAs, workDir);
    else if (
      this.settings.runAs !== undefined &&
      this.settings.ownedWorkRoot !== undefined &&
      (await isInside(workDir, this.settings.ownedWorkRoot)) &&
      (await canTraverseTo(workDir, this.settings.runAs))
    ) {
      await grantTreeToSandbox(this.settings.runAs, workDir);
    }
    // A caller's existing directory is never chowned (outside `ownedWorkRoot`). When the sandbox uid
    // cannot reach or write a caller's directory, this one session runs bwrap as the host user
    // instead (the process limit is then not enforced for it).
    const settings =
      !ownsWorkDir &&
      this.settings.runAs !== undefined &&
      (!(await isWritableBy(workDir, this.settings.runAs)) || !(await canTraverseTo(workDir, this.settings.runAs)))
        ? { ...this.settings, runAs: undefined }
        : this.settings;
    return { workDir, ownsWorkDir, created, settings };
  }
}

/** Whether `uid`/`gid` may create files in `directory`, judged from its mode bits. */
async function isWritableBy(directory: string, runAs: { uid: number; gid: number }): Promise<boolean> {
  const info = await stat(directory);
  if (info.uid === runAs.uid) return (info.mode & 0o300) === 0o300;
  if (info.gid === runAs.gid) return (info.mode & 0o030) === 0o030;
  return (info.mode & 0o003) === 0o003;
}
