import type { EpisodeResult, ReportContext } from './benchmark-suite.js';

export type RunStartInfo = {
  readonly suite: string;
  readonly model: string;
  readonly formats: readonly string[];
  readonly taskCount: number;
  /** Episodes planned, including those already done. */
  readonly total: number;
  /** Episodes found finished in `outDir` and skipped. */
  readonly skipped: number;
  readonly outDir: string;
};

export type EpisodeRef = { readonly taskId: string; readonly format: string };

export type Progress = {
  /** Episodes finished so far, including skipped ones. */
  readonly done: number;
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
};

/** How the run ended, with where its files are. */
export type BenchmarkRunEnd = ReportContext & {
  readonly outDir: string;
  /** Episodes that threw (not saved; a rerun retries them). */
  readonly errors: readonly (EpisodeRef & { readonly message: string })[];
  /** Why the run stopped early: episodes kept failing to run (model or server unreachable, …). */
  readonly stoppedEarly?: string | undefined;
  readonly durationMs: number;
};

/** Progress hooks, all optional (vitest-style). Hooks observe; they cannot change the run. */
export interface Reporter {
  onRunStart?(info: RunStartInfo): void;
  onEpisodeStart?(episode: EpisodeRef): void;
  onEpisodeEnd?(result: EpisodeResult, progress: Progress): void;
  /** The episode threw; it is not saved. */
  onEpisodeError?(episode: EpisodeRef & { readonly error: unknown }, progress: Progress): void;
  onRunEnd?(run: BenchmarkRunEnd): void;
}
