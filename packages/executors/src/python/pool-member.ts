import { randomUUID } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { joinCgroupCommand, SessionCgroup } from '../cgroups/session-cgroup.js';
import { buildReplLaunch } from './build-repl-launch.js';
import { canTraverseTo, grantToSandbox } from './grant-to-sandbox.js';
import type { ReplRuntime } from './prepare-repl.js';
import type { PythonExecutorSettings } from './python-executor-options.js';
import { ReplProcess } from './repl-process.js';

/** A preloaded sandbox waiting for its session: used once, then replaced. */
export type PoolMember = {
  readonly sessionId: string;
  /** Its own work directory on the host (in the pool's folder until a session takes it). */
  readonly workDir: string;
  /** Its own empty site dir (host-owned, read-only in the sandbox), beside the work dir. */
  readonly siteDir: string;
  /** The settings it was started with (`runAs` as decided for its work directory). */
  readonly settings: PythonExecutorSettings;
  readonly cgroup: SessionCgroup | undefined;
  readonly repl: ReplProcess;
};

/**
 * The settings a session in `workDir` runs with: the sandbox uid when it can reach the directory
 * (as for a cold session), else bwrap as the host user.
 */
export async function settingsFor(settings: PythonExecutorSettings, workDir: string): Promise<PythonExecutorSettings> {
  if (settings.runAs === undefined || (await canTraverseTo(workDir, settings.runAs))) return settings;
  return { ...settings, runAs: undefined };
}

/** The session's cgroup with the executor's totals, where cgroups are usable. */
export function createSessionCgroup(settings: PythonExecutorSettings, sessionId: string): SessionCgroup | undefined {
  return settings.cgroups.version === undefined
    ? undefined
    : SessionCgroup.create(settings.cgroups, sessionId, settings.sessionLimits, settings.runAs);
}

/**
 * Starts one pool member in `directory`: a work directory and a site dir of its own, a cgroup of
 * its own, and an interpreter that has imported `preload` and waits for `attach`.
 */
export async function startPoolMember(
  settings: PythonExecutorSettings,
  runtime: ReplRuntime,
  directory: string,
  preload: readonly string[],
): Promise<PoolMember> {
  const sessionId = randomUUID();
  const workDir = join(directory, sessionId);
  const siteDir = join(directory, `${sessionId}.site`);
  await mkdir(workDir, { mode: 0o700 });
  let cgroup: SessionCgroup | undefined;
  try {
    await mkdir(siteDir);
    await chmod(siteDir, 0o755);
    // Handed to the sandbox uid only when it runs as that uid (its parents are reachable).
    const memberSettings = await settingsFor(settings, workDir);
    await grantToSandbox(memberSettings.runAs, workDir);
    cgroup = createSessionCgroup(memberSettings, sessionId);
    // Started ahead of demand: its imports yield the CPU to sessions in use until a session takes it.
    cgroup?.setCpuPriority('background');
    const base = buildReplLaunch(memberSettings, runtime, { workDir, siteDir }, '', { preload, pooled: true });
    const [command, args] = joinCgroupCommand(cgroup, base.command, base.args);
    const repl = await ReplProcess.start({ ...base, command, args });
    return { sessionId, workDir, siteDir, settings: memberSettings, cgroup, repl };
  } catch (error) {
    cgroup?.dispose();
    await removeMemberDirs({ workDir, siteDir });
    throw error;
  }
}

/** Removes what is left at a member's own paths (nothing once renamed to a session's). */
async function removeMemberDirs(member: { readonly workDir: string; readonly siteDir: string }): Promise<void> {
  await rm(member.workDir, { recursive: true, force: true });
  await rm(member.siteDir, { recursive: true, force: true });
}

/** Stops a member that no session took, and removes its cgroup and directories. */
export async function discardPoolMember(member: PoolMember): Promise<void> {
  await member.repl.stop();
  member.cgroup?.dispose();
  await removeMemberDirs(member);
}
