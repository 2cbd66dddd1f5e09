import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreateSessionOptions, type Executor, ExecutorError, type ExecutorSession } from '@codeact/core';
import { describeLimits, joinCgroupCommand, SessionCgroup } from '../cgroups/session-cgroup.js';
import { type PackageOptions, type PackageSupport, resolvePackageSupport } from '../packages/package-options.js';
import { buildReplLaunch } from './build-repl-launch.js';
import { canTraverseTo, grantToSandbox, grantTreeToSandbox, isInside } from './grant-to-sandbox.js';
import type { ReplRuntime } from './prepare-repl.js';
import type { PythonExecutorSettings } from './python-executor-options.js';
import { PythonSession } from './python-session.js';

/** CPython in persistent REPL processes, one per session. Made by `createPythonExecutor`. */
export class PythonExecutor implements Executor {
  readonly specificationVersion = 'v1' as const;
  readonly executorId = 'python';
  readonly description: string;
  readonly settings: PythonExecutorSettings;
  private readonly runtime: ReplRuntime;
  private readonly packages: PackageSupport;
  private readonly sessions = new Set<ExecutorSession>();
  private disposed = false;

  constructor(settings: PythonExecutorSettings, runtime: ReplRuntime, packages?: PackageOptions) {
    this.settings = settings;
    this.runtime = runtime;
    this.packages = resolvePackageSupport(packages, settings.pythonPath);
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
    this.description = `CPython ${runtime.version} (${settings.pythonPath}) ${where}${totals}`;
  }

  async createSession(options: CreateSessionOptions = {}): Promise<ExecutorSession> {
    if (this.disposed) throw new ExecutorError('The Python executor has been disposed.');
    const ownsWorkDir = options.workDir === undefined;
    const workDir =
      options.workDir === undefined ? await mkdtemp(join(tmpdir(), 'codeact-session-')) : resolve(options.workDir);
    // `mkdir` returns undefined when the directory already existed: the caller's, left as it is.
    const created = ownsWorkDir ? workDir : await mkdir(workDir, { recursive: true });
    if (created !== undefined) await grantToSandbox(this.settings.runAs, workDir);
    else if (
      this.settings.runAs !== undefined &&
      this.settings.ownedWorkRoot !== undefined &&
      (await isInside(workDir, this.settings.ownedWorkRoot)) &&
      (await canTraverseTo(workDir, this.settings.runAs))
    ) {
      await grantTreeToSandbox(this.settings.runAs, workDir);
    }
    const ownsSiteDir = options.siteDir === undefined;
    const siteDir = await makeSiteDir(options.siteDir);
    // A site dir kept from an earlier session (a conversation's) gets back from the cache what its record lists.
    if (!ownsSiteDir) await this.packages.installer.restore(siteDir, options.abortSignal);
    // A caller's existing directory is never chowned (outside `ownedWorkRoot`). When the sandbox uid
    // cannot reach or write a caller's work dir, or reach a caller's site dir, this one session runs
    // bwrap as the host user instead (the process limit is then not enforced for it).
    const runAs = this.settings.runAs;
    const unreachable =
      runAs !== undefined &&
      ((!ownsWorkDir && (!(await isWritableBy(workDir, runAs)) || !(await canTraverseTo(workDir, runAs)))) ||
        (!ownsSiteDir && !(await canTraverseTo(siteDir, runAs))));
    const settings = unreachable ? { ...this.settings, runAs: undefined } : this.settings;
    const sessionId = randomUUID();
    const cgroup =
      settings.cgroups.version === undefined
        ? undefined
        : SessionCgroup.create(settings.cgroups, sessionId, settings.sessionLimits, settings.runAs);
    const base = buildReplLaunch(settings, this.runtime, { workDir, siteDir }, options.tools?.pythonStubs ?? '');
    const [command, args] = cgroup ? joinCgroupCommand(cgroup, base.command, base.args) : [base.command, base.args];
    const opening = PythonSession.open(
      {
        sessionId,
        workDir,
        ownsWorkDir,
        siteDir,
        ownsSiteDir,
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
    );
    const session = await opening.catch((error: unknown) => {
      cgroup?.dispose();
      const runAs = settings.runAs;
      if (created !== undefined || runAs === undefined || !(error instanceof ExecutorError)) throw error;
      throw new ExecutorError(
        `${error.message} (the sandbox runs as host uid ${runAs.uid}: an existing workDir must be writable by it)`,
        { cause: error },
      );
    });
    this.sessions.add(session);
    return session;
  }

  /** Closes every session this executor opened. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.sessions].map((session) => session.close()));
    await this.runtime.dispose();
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
