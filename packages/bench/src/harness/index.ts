export type {
  BenchmarkSuite,
  BenchmarkTask,
  EpisodeOptions,
  EpisodeResult,
  ExtraTools,
  ReportContext,
  RunScope,
  SuiteOptions,
  Summary,
  SummaryEntry,
  Toolset,
} from './benchmark-suite.js';
export { defaultChart, defaultReport } from './default-report.js';
export { episodeModel } from './episode-model.js';
export { episodePath, parseEpisodeResult, readEpisode, writeFileAtomic } from './episode-store.js';
export { createProgressReporter, type ProgressReporterOptions } from './progress-reporter.js';
export type { BenchmarkRunEnd, EpisodeRef, Progress, Reporter, RunStartInfo } from './reporter.js';
export {
  type BenchmarkRun,
  type RemoteEpisode,
  type ResultsJson,
  type RunBenchmarkOptions,
  runBenchmark,
} from './run-benchmark.js';
export { percent, summarizeByFormat, summarizeEpisodes } from './summarize.js';
export { type ChartPanel, type ChartSpec, renderBarChart } from './svg-chart.js';
export { matchesTaskFilter, selectTasks } from './task-filter.js';
