import {
  accessSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** The account a sandbox runs as: it must be able to move itself into the cgroup. */
export type CgroupOwner = { readonly uid: number; readonly gid: number };

/** Per-session totals for the whole process tree of one sandbox. */
export type SessionLimits = {
  readonly memoryBytes: number;
  /** CPU time per wall time (1 = one core). */
  readonly cpus: number;
  /** Processes and threads together. */
  readonly tasks: number;
};

/** How this host can enforce `SessionLimits`, found once per executor. */
export type CgroupSupport =
  | { readonly version: 1; readonly roots: Readonly<Record<Controller, string>> }
  | { readonly version: 2; readonly root: string }
  | { readonly version: undefined; readonly reason: string };

type Controller = 'memory' | 'pids' | 'cpu';
const controllers: readonly Controller[] = ['memory', 'pids', 'cpu'];
const fsRoot = '/sys/fs/cgroup';
const cpuPeriodMicros = 100_000;
/** Cgroups not removed yet: on host exit their processes are killed and they are removed. */
const open = new Set<SessionCgroup>();
let exitHookInstalled = false;

function removeAllAtExit(): void {
  for (const cgroup of open) cgroup.killMembers();
  for (const cgroup of open) cgroup.disposeWhenEmptySync();
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The cgroup v2 directory this process is in, when the unified hierarchy is mounted at the root. */
function ownV2Group(): string | undefined {
  const line = readFileSync('/proc/self/cgroup', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('0::'));
  return line === undefined ? undefined : join(fsRoot, line.slice(3));
}

/**
 * cgroup v2 with memory, pids and cpu delegated to a writable subtree, else v1 hierarchies we may
 * write (root in a container or VM), else nothing: then only per-process rlimits apply.
 */
export function detectCgroups(): CgroupSupport {
  if (process.platform !== 'linux') return { version: undefined, reason: 'not Linux' };
  const unified = join(fsRoot, 'cgroup.controllers');
  if (existsSync(unified)) {
    const own = ownV2Group();
    const delegated =
      own && existsSync(join(own, 'cgroup.subtree_control'))
        ? readFileSync(join(own, 'cgroup.subtree_control'), 'utf8').split(/\s+/)
        : [];
    if (own && controllers.every((name) => delegated.includes(name)) && writable(own)) {
      return { version: 2, root: own };
    }
    return { version: undefined, reason: 'cgroup v2 without memory, pids and cpu delegated to this process' };
  }
  const roots = { memory: join(fsRoot, 'memory'), pids: join(fsRoot, 'pids'), cpu: join(fsRoot, 'cpu') };
  if (controllers.every((name) => existsSync(join(roots[name], 'cgroup.procs')) && writable(roots[name]))) {
    return { version: 1, roots };
  }
  return { version: undefined, reason: 'no writable cgroup hierarchy (run as root, or delegate cgroup v2)' };
}

/** `1 GiB`, `512 MiB`. */
export function formatBytes(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 1 && Number.isInteger(gib * 4) ? `${gib} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** One line for descriptions: which totals are enforced, and how. */
export function describeLimits(support: CgroupSupport, limits: SessionLimits): string {
  if (support.version === undefined) return `no per-session totals (${support.reason})`;
  return `per session ${formatBytes(limits.memoryBytes)} memory, ${limits.cpus} CPU, ${limits.tasks} tasks (cgroup v${support.version})`;
}

/** The cgroup(s) of one session: the REPL's start-up wrapper writes its own PID into `procsFiles`. */
export class SessionCgroup {
  readonly procsFiles: readonly string[];
  readonly limits: SessionLimits;
  private readonly directories: readonly string[];
  private readonly oomFile: string;
  /** `cpu.weight` (v2) or `cpu.shares` (v1), and its background and normal values. */
  private readonly cpuWeight: readonly [file: string, background: string, normal: string];
  private oomKills: number;

  private constructor(
    directories: string[],
    procsFiles: string[],
    oomFile: string,
    limits: SessionLimits,
    cpuWeight: readonly [string, string, string],
  ) {
    this.directories = directories;
    this.cpuWeight = cpuWeight;
    this.procsFiles = procsFiles;
    this.oomFile = oomFile;
    this.limits = limits;
    this.oomKills = this.readOomKills();
    open.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', removeAllAtExit);
    }
  }

  /** Creates the session's cgroup(s) with `limits`; `runAs` may then move itself in. */
  static create(
    support: CgroupSupport,
    name: string,
    limits: SessionLimits,
    runAs: CgroupOwner | undefined,
  ): SessionCgroup {
    if (support.version === undefined) throw new Error(support.reason);
    const quota = `${Math.round(limits.cpus * cpuPeriodMicros)}`;
    if (support.version === 2) {
      const directory = join(support.root, `codeact-${name}`);
      mkdirSync(directory);
      writeFileSync(join(directory, 'memory.max'), String(limits.memoryBytes));
      writeFileSync(join(directory, 'memory.swap.max'), '0');
      writeFileSync(join(directory, 'pids.max'), String(limits.tasks));
      writeFileSync(join(directory, 'cpu.max'), `${quota} ${cpuPeriodMicros}`);
      const procs = join(directory, 'cgroup.procs');
      if (runAs) chownSync(procs, runAs.uid, runAs.gid);
      return new SessionCgroup([directory], [procs], join(directory, 'memory.events'), limits, [
        join(directory, 'cpu.weight'),
        '10',
        '100',
      ]);
    }
    const directories = controllers.map((controller) => join(support.roots[controller], 'codeact', name));
    const [memory = '', pids = '', cpu = ''] = directories;
    for (const directory of directories) mkdirSync(directory, { recursive: true });
    writeFileSync(join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    const swap = join(memory, 'memory.memsw.limit_in_bytes');
    if (existsSync(swap)) writeFileSync(swap, String(limits.memoryBytes));
    writeFileSync(join(pids, 'pids.max'), String(limits.tasks));
    writeFileSync(join(cpu, 'cpu.cfs_period_us'), String(cpuPeriodMicros));
    writeFileSync(join(cpu, 'cpu.cfs_quota_us'), quota);
    const procsFiles = directories.map((directory) => join(directory, 'cgroup.procs'));
    if (runAs) for (const file of procsFiles) chownSync(file, runAs.uid, runAs.gid);
    return new SessionCgroup(directories, procsFiles, join(memory, 'memory.oom_control'), limits, [
      join(cpu, 'cpu.shares'),
      '64',
      '1024',
    ]);
  }

  /**
   * The cgroup's CPU weight beside the other sessions: `background` (a warm pool member importing
   * its preload ahead of demand) yields the CPU to sessions in use; `normal` is every session's.
   */
  setCpuPriority(priority: 'background' | 'normal'): void {
    const [file, background, normal] = this.cpuWeight;
    try {
      writeFileSync(file, priority === 'background' ? background : normal);
    } catch {
      // Not offered here: the same weight as every other session.
    }
  }

  /** True once per OOM kill since the last call: the memory total was reached and a process killed. */
  takeOomKill(): boolean {
    const now = this.readOomKills();
    const killed = now > this.oomKills;
    this.oomKills = now;
    return killed;
  }

  /**
   * Removes the cgroup(s) once the kernel has reaped their last process (a killed tree may take a
   * moment), giving up after `timeoutMs`.
   */
  async disposeWhenEmpty(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.exists()) {
      this.dispose();
      if (!this.exists() || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** `disposeWhenEmpty` that blocks: for the host's `exit` handler, when no timer runs any more. */
  disposeWhenEmptySync(timeoutMs = 500): void {
    const deadline = Date.now() + timeoutMs;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (this.exists()) {
      this.dispose();
      if (!this.exists() || Date.now() > deadline) return;
      Atomics.wait(pause, 0, 0, 10);
    }
  }

  /** True while any of the cgroup's directories is still there. */
  exists(): boolean {
    return this.directories.some((directory) => existsSync(directory));
  }

  /** Removes the cgroup(s); call once no process is left in them. */
  dispose(): void {
    for (const directory of this.directories) {
      try {
        rmdirSync(directory);
      } catch {
        // Still busy or already gone: the kernel frees an empty cgroup with its last reference.
      }
    }
    if (!this.exists()) open.delete(this);
  }

  /** SIGKILLs every process in the cgroup (the host is exiting, or the session must go now). */
  killMembers(): void {
    let pids: string[] = [];
    try {
      pids = readFileSync(this.procsFiles[0] ?? '', 'utf8')
        .split('\n')
        .filter(Boolean);
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  private readOomKills(): number {
    try {
      const match = /^oom_kill (\d+)$/m.exec(readFileSync(this.oomFile, 'utf8'));
      return match ? Number(match[1]) : 0;
    } catch {
      return 0;
    }
  }
}

/**
 * A start-up wrapper that joins the cgroup(s) before exec'ing the command, so no process escapes
 * them; the command as it is without a cgroup.
 */
export function joinCgroupCommand(
  cgroup: SessionCgroup | undefined,
  command: string,
  args: readonly string[],
): [string, string[]] {
  if (!cgroup) return [command, [...args]];
  const script = 'for f in $0; do echo $$ > "$f" || exit 125; done; exec "$@"';
  return ['/bin/sh', ['-c', script, cgroup.procsFiles.join(' '), command, ...args]];
}
