/** A warm pool of interpreters as an executor reports it (`Executor.poolStats`, `/api/stats`). */
export type ExecutorPoolStats = {
  /** Members kept ready (started ahead of demand). */
  readonly size: number;
  /** Members ready for a session now, and being started. */
  readonly idle: number;
  readonly starting: number;
  /** Modules every interpreter imports first (those that failed are left out). */
  readonly preload: readonly string[];
  readonly preloadFailed: readonly { readonly module: string; readonly error: string }[];
  /** Sessions that got a pool member, and those that started an interpreter of their own. */
  readonly servedWarm: number;
  readonly servedCold: number;
  /** Memory of each idle member's whole process tree, in bytes. */
  readonly idleMembers: readonly { readonly pid: number; readonly rssBytes: number; readonly pssBytes: number }[];
};
