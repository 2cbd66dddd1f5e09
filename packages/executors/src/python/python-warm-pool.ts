import type { ExecutorPoolStats } from '@codeact/core';
import { processTreeMemory } from '../process/process-tree-memory.js';
import { discardPoolMember, type PoolMember } from './pool-member.js';
import type { PreloadFailure } from './repl-messages.js';

type Entry = { readonly started: Promise<PoolMember | undefined>; member?: PoolMember };

/** The pool as `/api/stats` and the benchmarks show it. */
export type PythonPoolStats = ExecutorPoolStats;

export type PythonWarmPoolOptions = {
  readonly size: number;
  /** Members started at once while filling (default 2). */
  readonly maxStarting?: number | undefined;
  readonly start: () => Promise<PoolMember>;
};

/**
 * Keeps `size` preloaded sandboxes started or starting so a session gets one without waiting for
 * the interpreter and its imports. A member is used once; taking one refills in the background. A
 * member that fails to start is not retried until the next `take` (a broken installation must not
 * spin), one that dies while idle is replaced.
 */
export class PythonWarmPool {
  private readonly entries: Entry[] = [];
  private readonly options: PythonWarmPoolOptions;
  private disposed = false;
  private warm = 0;
  private cold = 0;

  constructor(options: PythonWarmPoolOptions) {
    this.options = options;
  }

  /**
   * A ready member if there is one, else the one that started first (awaited), else undefined
   * (the pool is empty or its members failed); then refills.
   */
  async take(): Promise<PoolMember | undefined> {
    const index = Math.max(
      0,
      this.entries.findIndex((entry) => entry.member !== undefined),
    );
    const entry = this.entries.splice(index, 1)[0];
    this.fill();
    const member = await entry?.started;
    if (member?.repl.alive) return member;
    if (member) void discardPoolMember(member);
    return undefined;
  }

  /** Counts a session served by a member (`true`) or started cold. */
  count(warm: boolean): void {
    if (warm) this.warm += 1;
    else this.cold += 1;
  }

  /** Starts members until the pool holds `size` (at most `maxStarting` at a time). */
  fill(): void {
    const maxStarting = this.options.maxStarting ?? 2;
    while (
      !this.disposed &&
      this.entries.length < this.options.size &&
      this.entries.filter((entry) => entry.member === undefined).length < maxStarting
    ) {
      this.add();
    }
  }

  /** Resolves once every member being started is ready or has failed. */
  async whenFull(): Promise<void> {
    while (!this.disposed && this.entries.some((entry) => entry.member === undefined)) {
      await Promise.allSettled(this.entries.map((entry) => entry.started));
    }
  }

  stats(preload: readonly string[], preloadFailed: readonly PreloadFailure[]): PythonPoolStats {
    const idle = this.entries.flatMap((entry) => (entry.member ? [entry.member] : []));
    return {
      size: this.options.size,
      idle: idle.length,
      starting: this.entries.length - idle.length,
      preload,
      preloadFailed,
      servedWarm: this.warm,
      servedCold: this.cold,
      idleMembers: idle.flatMap((member) => {
        const pid = member.repl.child.pid;
        return pid === undefined ? [] : [{ pid, ...processTreeMemory(pid) }];
      }),
    };
  }

  /** Stops every member and stops refilling. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const entries = this.entries.splice(0);
    await Promise.all(
      entries.map(async (entry) => {
        const member = await entry.started;
        if (member) await discardPoolMember(member);
      }),
    );
  }

  private add(): void {
    const entry: Entry = {
      started: this.options.start().then(
        (member) => {
          if (this.disposed || !this.entries.includes(entry)) return member;
          entry.member = member;
          member.repl.exited.then(() => {
            // Died while idle: replaced (its directories go with it).
            if (this.remove(entry)) void discardPoolMember(member).then(() => this.fill());
          });
          this.fill();
          return member;
        },
        () => {
          this.remove(entry);
          return undefined;
        },
      ),
    };
    this.entries.push(entry);
  }

  private remove(entry: Entry): boolean {
    const index = this.entries.indexOf(entry);
    if (index === -1) return false;
    this.entries.splice(index, 1);
    return true;
  }
}
