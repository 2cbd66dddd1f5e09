import { resolve } from 'node:path';
import type { BenchmarkRun } from '@codeact/bench';
import { ConfigurationError, type Trajectory } from '@codeact/core';
import { cliExtraTools } from '../cli-extra-tools.js';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { openCliStore, resolveCliExecutor, resolveCliModel } from '../resolve-context.js';
import { benchStatus, queuedRunValues, queueUrl, runBenchOnQueue, workerModelSpec } from './bench-queue.js';

/**
 * `codeact bench SUITE`: runs a benchmark through `runBenchmark` with a progress bar on stderr,
 * then prints where results.json, report.md and chart.svg are. Rerunning with the same `--out`
 * resumes. `--mcp` / `--tools` modules add host tools to every episode of suites that list them (mint).
 * With `--queue URL` the episodes run on `codeact worker`s (`bench status|results` follow a
 * detached run). Exit 0 when every episode finished, 1 otherwise.
 */
export async function benchCommand(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const { createProgressReporter, loadSuite, runBenchmark, suiteNames } = await import('@codeact/bench');
  if (positionals[0] === 'status' && positionals.length === 1) return benchStatus(values, io);
  if (positionals[0] === 'results' && positionals.length === 1) {
    const { suite, ...saved } = await queuedRunValues(values, io);
    return benchCommand({ ...saved, detach: false }, [suite], io);
  }
  const name = positionals[0];
  if (!name || positionals.length > 1) {
    throw new ConfigurationError(
      `codeact bench takes one benchmark: ${suiteNames.join(', ')} (or status|results with --queue).`,
    );
  }
  const suite = await loadSuite(name);
  const wantsTools = Boolean(values.mcp?.length || values['mcp-config'] || values.tools?.length);
  if (wantsTools && !suite.acceptsExtraTools) {
    throw new ConfigurationError(`codeact bench ${name} keeps its own tools; --mcp and --tools work with bench mint.`);
  }
  if (wantsTools && queueUrl(values, io)) {
    throw new ConfigurationError('--mcp and --tools run on this host: drop --queue to use them with bench.');
  }
  const model = await resolveCliModel(values, io);
  const formats = values.format
    ?.split(',')
    .map((format) => format.trim())
    .filter(Boolean);
  const safeModel = `${model.provider}-${model.modelId}`.replace(/[^\w.-]+/g, '_').slice(-80);
  const outDir = resolve(io.cwd, values.out ?? `codeact-bench/${name}-${safeModel}`);
  const suiteOptions = {
    ...(values.fixed ? { fixed: true } : {}),
    ...(values.k === undefined ? {} : { k: values.k }),
  };
  const progress = createProgressReporter({ stream: io.stderr });
  const url = queueUrl(values, io);
  if (values.detach && !url) throw new ConfigurationError('--detach needs --queue URL (or $CODEACT_QUEUE).');
  let run: BenchmarkRun | undefined;
  if (url) {
    // Workers save the trajectories to their store; this process only writes the run directory.
    run = await runBenchOnQueue(
      {
        url,
        suiteName: name,
        model,
        modelSpec: workerModelSpec(values, io, model),
        formats,
        tasks: values.tasks,
        suiteOptions,
        outDir,
        reporter: [progress],
        detach: values.detach === true,
      },
      io,
    );
    if (!run) return 0;
  } else {
    // Every episode also goes to the trajectory store, as dataset `bench/<suite>`.
    const store = await openCliStore(values, io);
    const extra = wantsTools ? await cliExtraTools(values, io, `bench ${name}`) : undefined;
    const saving: Promise<void>[] = [];
    const storeReporter = {
      onEpisodeEnd(result: { readonly trajectory: Trajectory }) {
        if (store) saving.push(store.saveTrajectory(result.trajectory, { dataset: `bench/${name}` }).catch(() => {}));
      },
    };
    run = await runBenchmark({
      suite,
      model,
      executor: async () => {
        const { executor, explanation } = await resolveCliExecutor(values);
        io.stderr.write(`codeact: ${explanation}\n`);
        return executor;
      },
      formats,
      tasks: values.tasks,
      concurrency: values.concurrency ?? 1,
      outDir,
      reporter: [progress, storeReporter],
      abortSignal: io.abortSignal,
      suiteOptions,
      ...(extra ? { extraTools: { tools: extra.tools, setupCode: extra.setupCode } } : {}),
    }).finally(() => extra?.close());
    await Promise.all(saving);
    await store?.close();
  }
  io.stdout.write(`${JSON.stringify(run.resultsJson.summary, null, 2)}\n`);
  io.stdout.write(
    `results: ${resolve(outDir, 'results.json')}\nreport: ${resolve(outDir, 'report.md')}\nchart: ${resolve(outDir, 'chart.svg')}\n`,
  );
  if (run.stoppedEarly) {
    io.stderr.write(`codeact: stopped early: ${run.stoppedEarly}. Fix that and rerun with the same --out to resume.\n`);
    return 1;
  }
  for (const error of run.errors) io.stderr.write(`codeact: ${error.format} ${error.taskId}: ${error.message}\n`);
  return run.resultsJson.complete && run.errors.length === 0 ? 0 : 1;
}
