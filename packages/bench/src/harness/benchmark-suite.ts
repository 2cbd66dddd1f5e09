import type { Execution, Executor, ExecutorSession, LanguageModel, Tool, Trajectory, Usage } from '@codeact/core';
import type { ChartSpec } from './svg-chart.js';

/** Options that change how a suite behaves, e.g. `{ fixed: true }` for repaired protocol quirks. */
export type SuiteOptions = {
  /** Repair the documented quirks of the original benchmark; reported separately. */
  readonly fixed?: boolean | undefined;
  readonly [key: string]: unknown;
};

/** One task of a suite. Suites add their own fields. */
export type BenchmarkTask = {
  readonly id: string;
  /** Group name for reports, e.g. the M³ToolEval family or the MINT task type. */
  readonly family?: string | undefined;
  /** Other names `--tasks` globs may match, e.g. `dna_sequencer/<slug>` for a longer original id. */
  readonly aliases?: readonly string[] | undefined;
};

/** How an episode ended, as the benchmark counts it. */
export type EpisodeResult = {
  readonly taskId: string;
  readonly format: string;
  readonly success: boolean;
  /** Model generations used. */
  readonly turns: number;
  readonly usage: Usage;
  /** Suite-specific, e.g. `correct`, `limit`, `context_limit`. */
  readonly endReason: string;
  readonly durationMs: number;
  readonly trajectory: Trajectory;
  /** Suite-specific fields kept in the episode file and `results.json`. */
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
};

/** What lives as long as one `runBenchmark` call, shared by its episodes. */
export type RunScope = {
  /** Per-run state for suites, e.g. a pool of warm sessions. Key it by suite name. */
  readonly state: Map<string, unknown>;
  /** Cleanup to run when the run ends (after the last episode, before the executor is disposed). */
  defer(cleanup: () => void | Promise<void>): void;
};

/** Host tools added to every episode (e.g. `--mcp` servers'), for suites with `acceptsExtraTools`. */
export type ExtraTools = {
  readonly tools: readonly Tool[];
  /** Python run after the suite's own setup (e.g. the MCP result wrappers). */
  readonly setupCode?: string | undefined;
};

export type EpisodeOptions<TASK extends BenchmarkTask = BenchmarkTask> = {
  readonly task: TASK;
  readonly format: string;
  /** Already keyed for this episode: calls carry the id the script (if any) expects. */
  readonly model: LanguageModel;
  readonly executor: () => Promise<Executor>;
  readonly suiteOptions: SuiteOptions;
  readonly abortSignal: AbortSignal;
  /** Shared by the episodes of this run; absent when an episode runs on its own. */
  readonly run?: RunScope | undefined;
  /** Only passed to suites with `acceptsExtraTools`; listed after the task's own tools. */
  readonly extraTools?: ExtraTools | undefined;
};

/** The per-format line of a summary: `{ success: 30, total: 82, avgTurns: 7.1 }`. */
export type SummaryEntry = { readonly success: number; readonly total: number; readonly avgTurns: number };
/** Keyed by format by default; suites may key it otherwise (MINT: by task family). */
export type Summary = Readonly<Record<string, SummaryEntry | Readonly<Record<string, unknown>>>>;

/** Everything reports are made from. */
export type ReportContext = {
  readonly suite: string;
  /** `provider:modelId`. */
  readonly model: string;
  readonly modelId: string;
  readonly formats: readonly string[];
  readonly suiteOptions: SuiteOptions;
  readonly results: readonly EpisodeResult[];
  readonly summary: Summary;
  /** False when the run was aborted before every episode finished. */
  readonly complete: boolean;
};

/** Tools for `codeact exec --toolset <suite>:<id>`: built fresh on every call. */
export type Toolset = {
  readonly tools: readonly Tool[];
  /** Python defining helpers and tools written in Python; run at session start. */
  readonly pythonPrelude?: string | undefined;
  /**
   * The text the benchmark's model would see for `execution`, when it differs from the default rendering.
   * May run helper code in `session` (the session the execution ran in).
   */
  readonly observe?: ((execution: Execution, session: ExecutorSession) => Promise<string>) | undefined;
};

/**
 * A benchmark (specification v1): its tasks, its action formats, and how to run one episode.
 * The harness (`runBenchmark`) does scheduling, storage, resume and reports.
 */
export interface BenchmarkSuite<TASK extends BenchmarkTask = BenchmarkTask> {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** Every format the suite supports, in report order, e.g. `['code', 'json', 'text']`. */
  readonly formats: readonly string[];
  /** The suite's prompt can list extra host tools (`EpisodeOptions.extraTools`). */
  readonly acceptsExtraTools?: boolean | undefined;
  listTasks(options: SuiteOptions): Promise<readonly TASK[]>;
  /**
   * Runs one episode. Rejects on run-ending infrastructure errors (the episode is then not saved and
   * a rerun retries it) and when `abortSignal` fires.
   */
  runEpisode(options: EpisodeOptions<TASK>): Promise<EpisodeResult>;
  /** Defaults to `summarizeByFormat`. */
  summarize?(results: readonly EpisodeResult[], formats: readonly string[]): Summary;
  /** Markdown for `report.md`; defaults to a success/turns table per format. */
  renderReport?(context: ReportContext): string;
  /** The bars of `chart.svg`; defaults to success rate per format. */
  chart?(context: ReportContext): ChartSpec;
  /** Tools of one task for `codeact exec --toolset`. */
  toolset?(taskId: string, options: SuiteOptions): Promise<Toolset>;
}
