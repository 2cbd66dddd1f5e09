import { join, resolve } from 'node:path';
import { ConfigurationError, type Executor, type LanguageModel } from '@codeact/core';
import type {
  BenchmarkSuite,
  BenchmarkTask,
  EpisodeResult,
  ExtraTools,
  ReportContext,
  SuiteOptions,
  Summary,
} from './benchmark-suite.js';
import { defaultChart, defaultReport } from './default-report.js';
import { episodeModel } from './episode-model.js';
import { readEpisode, readManifest, writeEpisode, writeFileAtomic, writeManifest } from './episode-store.js';
import type { BenchmarkRunEnd, EpisodeRef, Progress, Reporter } from './reporter.js';
import { summarizeByFormat } from './summarize.js';
import { renderBarChart } from './svg-chart.js';
import { selectTasks } from './task-filter.js';

export type RunBenchmarkOptions = {
  // biome-ignore lint/suspicious/noExplicitAny: suites have their own task types.
  readonly suite: BenchmarkSuite<any>;
  readonly model: LanguageModel;
  /**
   * The interpreter, or a factory called once, at the first episode that needs it (disposed at the end).
   * Required unless `runEpisode` runs the episodes elsewhere.
   */
  readonly executor?: Executor | (() => Executor | Promise<Executor>) | undefined;
  /**
   * Runs each episode somewhere else (e.g. on queue workers) instead of in this process; the harness
   * still skips finished episodes, writes every episode file and the reports, and reports progress.
   */
  readonly runEpisode?: ((episode: RemoteEpisode) => Promise<EpisodeResult>) | undefined;
  /** Formats to run, in report order. Default: all of the suite's. */
  readonly formats?: readonly string[] | undefined;
  /** Comma-separated globs on task ids (`web_browsing/*`). Default: all tasks. */
  readonly tasks?: string | undefined;
  /** Episodes run at once. Default 1. */
  readonly concurrency?: number | undefined;
  /**
   * Stop after this many episodes in a row threw (a model that cannot load, an unreachable server)
   * instead of failing every remaining episode the same way. Default 3.
   */
  readonly maxConsecutiveErrors?: number | undefined;
  /** Episodes, `results.json`, `report.md` and `chart.svg` go here; rerunning with the same directory resumes. */
  readonly outDir: string;
  /** One reporter or several; see `createProgressReporter`. */
  readonly reporter?: Reporter | readonly Reporter[] | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /** Passed to the suite, e.g. `{ fixed: true }`; stored in the run directory and checked on resume. */
  readonly suiteOptions?: SuiteOptions | undefined;
  /** Host tools for every episode; only suites with `acceptsExtraTools` take them. Not part of the resume check. */
  readonly extraTools?: ExtraTools | undefined;
  /** Injected for deterministic tests. */
  readonly now?: (() => Date) | undefined;
};

/** One episode handed to `RunBenchmarkOptions.runEpisode`. */
export type RemoteEpisode = {
  readonly task: BenchmarkTask;
  readonly format: string;
  readonly suiteOptions: SuiteOptions;
  readonly abortSignal: AbortSignal;
};

export type BenchmarkRun = BenchmarkRunEnd & {
  /** `results.json` as written. */
  readonly resultsJson: ResultsJson;
};

/** Per task per format scores, as written to `results.json`. */
export type ResultsJson = {
  readonly suite: string;
  readonly model: string;
  readonly suiteOptions: SuiteOptions;
  readonly formats: readonly string[];
  readonly complete: boolean;
  readonly createdAt: string;
  readonly summary: Summary;
  readonly tasks: Readonly<
    Record<
      string,
      Readonly<
        Record<
          string,
          {
            readonly success: boolean;
            readonly turns: number;
            readonly tokens: { readonly input: number; readonly output: number };
            readonly endReason: string;
          } & Readonly<Record<string, unknown>>
        >
      >
    >
  >;
};

function episodeKey(taskId: string, format: string): string {
  return `${format}\u0000${taskId}`;
}

function toList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * Runs a benchmark: every selected task in every selected format, `concurrency` episodes at a time.
 * Each finished episode is written at once (atomically) with its trajectory to
 * `outDir/episodes/<format>/<task>.json`; a rerun with the same `outDir` skips them. At the end
 * (also after an abort) it writes `results.json`, `report.md` and `chart.svg`.
 * Episodes of one task run one after another, in format order; different tasks run concurrently.
 *
 * @example
 * const run = await runBenchmark({
 *   suite: await loadSuite('m3tooleval'),
 *   model,
 *   executor: () => createPythonExecutor(),
 *   formats: ['code', 'json', 'text'],
 *   outDir: 'runs/gpt-4o',
 *   reporter: createProgressReporter(),
 * });
 * run.summary.code; // { success: 60, total: 82, avgTurns: 5.2 }
 */
export async function runBenchmark(options: RunBenchmarkOptions): Promise<BenchmarkRun> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const { suite, model } = options;
  const suiteOptions: SuiteOptions = options.suiteOptions ?? {};
  const formats = options.formats ?? suite.formats;
  for (const format of formats) {
    if (!suite.formats.includes(format)) {
      throw new ConfigurationError(`${suite.name} has no format ${format}; it has ${suite.formats.join(', ')}.`);
    }
  }
  if (!options.executor && !options.runEpisode)
    throw new ConfigurationError('runBenchmark needs an executor (or runEpisode to run episodes elsewhere).');
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const outDir = resolve(options.outDir);
  const reporters = toList(options.reporter);
  const report = <K extends keyof Reporter>(hook: K, ...args: Parameters<NonNullable<Reporter[K]>>) => {
    for (const reporter of reporters)
      (reporter[hook] as ((...a: unknown[]) => void) | undefined)?.call(reporter, ...args);
  };
  const abortSignal = options.abortSignal ?? new AbortController().signal;
  const modelName = `${model.provider}:${model.modelId}`;

  const manifest = { suite: suite.name, model: modelName, suiteOptions: { ...suiteOptions } };
  const existing = await readManifest(outDir);
  if (
    existing &&
    (existing.suite !== manifest.suite ||
      existing.model !== manifest.model ||
      JSON.stringify(existing.suiteOptions) !== JSON.stringify(manifest.suiteOptions))
  ) {
    throw new ConfigurationError(
      `${outDir} holds a run of ${existing.suite} with ${existing.model} ${JSON.stringify(existing.suiteOptions)}; use another output directory for ${manifest.suite} with ${manifest.model} ${JSON.stringify(manifest.suiteOptions)}.`,
    );
  }
  await writeManifest(outDir, manifest);

  const tasks: readonly BenchmarkTask[] = await selectTasks(suite, suiteOptions, options.tasks);

  const results = new Map<string, EpisodeResult>();
  for (const task of tasks) {
    for (const format of formats) {
      const done = await readEpisode(outDir, format, task.id);
      if (done) results.set(episodeKey(task.id, format), done);
    }
  }
  const total = tasks.length * formats.length;
  const skipped = results.size;
  const counts = { done: skipped, succeeded: 0, failed: 0 };
  for (const result of results.values()) {
    if (result.success) counts.succeeded++;
    else counts.failed++;
  }
  const progress = (): Progress => ({ total, ...counts });
  report('onRunStart', {
    suite: suite.name,
    model: modelName,
    formats,
    taskCount: tasks.length,
    total,
    skipped,
    outDir,
  });

  let executor: Promise<Executor> | undefined;
  const ownsExecutor = typeof options.executor === 'function';
  const getExecutor = () => {
    if (!executor) {
      const source = options.executor;
      if (!source) throw new ConfigurationError('runBenchmark has no executor.');
      executor = Promise.resolve(typeof source === 'function' ? source() : source);
    }
    return executor;
  };

  const cleanups: (() => void | Promise<void>)[] = [];
  const scope = {
    state: new Map<string, unknown>(),
    defer: (cleanup: () => void | Promise<void>) => cleanups.push(cleanup),
  };
  const errors: (EpisodeRef & { message: string })[] = [];
  const maxConsecutiveErrors = options.maxConsecutiveErrors ?? 3;
  let consecutiveErrors = 0;
  let stoppedEarly: string | undefined;
  const queue = tasks.filter((task) => formats.some((format) => !results.has(episodeKey(task.id, format))));
  const worker = async () => {
    for (let task = queue.shift(); task !== undefined && !abortSignal.aborted; task = queue.shift()) {
      for (const format of formats) {
        if (abortSignal.aborted || stoppedEarly) return;
        if (results.has(episodeKey(task.id, format))) continue;
        const ref = { taskId: task.id, format };
        report('onEpisodeStart', ref);
        try {
          const result = options.runEpisode
            ? await options.runEpisode({ task, format, suiteOptions, abortSignal })
            : await suite.runEpisode({
                task,
                format,
                model: episodeModel(model, task.id, format),
                executor: getExecutor,
                suiteOptions,
                abortSignal,
                run: scope,
                ...(options.extraTools ? { extraTools: options.extraTools } : {}),
              });
          if (abortSignal.aborted) return;
          await writeEpisode(outDir, result);
          results.set(episodeKey(task.id, format), result);
          counts.done++;
          consecutiveErrors = 0;
          if (result.success) counts.succeeded++;
          else counts.failed++;
          report('onEpisodeEnd', result, progress());
        } catch (error) {
          if (abortSignal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          errors.push({ ...ref, message });
          report('onEpisodeError', { ...ref, error }, progress());
          consecutiveErrors += 1;
          if (consecutiveErrors >= maxConsecutiveErrors && !stoppedEarly) {
            stoppedEarly = `${consecutiveErrors} episodes in a row could not run (last: ${message})`;
          }
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => {});
    if (ownsExecutor && executor) await (await executor.catch(() => undefined))?.dispose();
  }

  const ordered: EpisodeResult[] = [];
  for (const format of formats) {
    for (const task of tasks) {
      const result = results.get(episodeKey(task.id, format));
      if (result) ordered.push(result);
    }
  }
  const complete = ordered.length === total;
  const summary = suite.summarize ? suite.summarize(ordered, formats) : summarizeByFormat(ordered, formats);
  const context: ReportContext = {
    suite: suite.name,
    model: modelName,
    modelId: model.modelId,
    formats,
    suiteOptions,
    results: ordered,
    summary,
    complete,
  };
  const resultsJson = buildResultsJson(context, now());
  await writeFileAtomic(join(outDir, 'results.json'), `${JSON.stringify(resultsJson, null, 2)}\n`);
  await writeFileAtomic(
    join(outDir, 'report.md'),
    suite.renderReport ? suite.renderReport(context) : defaultReport(context),
  );
  await writeFileAtomic(
    join(outDir, 'chart.svg'),
    renderBarChart(suite.chart ? suite.chart(context) : defaultChart(context)),
  );
  const run: BenchmarkRun = {
    ...context,
    outDir,
    errors,
    ...(stoppedEarly ? { stoppedEarly } : {}),
    durationMs: performance.now() - started,
    resultsJson,
  };
  report('onRunEnd', run);
  return run;
}

function buildResultsJson(context: ReportContext, createdAt: Date): ResultsJson {
  const tasks: Record<string, Record<string, ResultsJson['tasks'][string][string]>> = {};
  for (const result of context.results) {
    const row = tasks[result.taskId] ?? {};
    tasks[result.taskId] = row;
    row[result.format] = {
      success: result.success,
      turns: result.turns,
      tokens: { input: result.usage.inputTokens, output: result.usage.outputTokens },
      endReason: result.endReason,
      ...(result.extra ?? {}),
    };
  }
  return {
    suite: context.suite,
    model: context.model,
    suiteOptions: context.suiteOptions,
    formats: context.formats,
    complete: context.complete,
    createdAt: createdAt.toISOString(),
    summary: context.summary,
    tasks,
  };
}
