import { basename, extname } from 'node:path';
import { ConfigurationError, type Executor, type LanguageModel } from '@codeact/core';
import { collectTrajectories, createTextCollectReporter, readTasks } from '@codeact/data';
import { createWikipediaSearchTool } from '@codeact/mint';
import { cliExtraTools } from '../cli-extra-tools.js';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { resolveCliExecutor, resolveCliModel } from '../resolve-context.js';
import { absoluteModelSpec, queueUrl } from './bench-queue.js';
import { detachCollection } from './data-collect-detach.js';
import { type CollectQueue, openCollectQueue } from './data-collect-queue.js';
import { dataValues, inCwd, listOf, openDataStore } from './data-values.js';

/**
 * `codeact data collect --tasks FILE --model M`: every task once per model (comma-separated models run
 * in turn), then `--fallback-model` on the tasks none solved. Progress goes to stderr, the summary to
 * stdout. Re-running with the same `--dataset` resumes. `--mcp` / `--mcp-config` servers' tools and
 * `--tools` modules' tools are offered in every episode (listed after the task's own). With
 * `--queue URL` the episodes run on `codeact worker`s (`--detach`: enqueue the first pass and return).
 * Exit 0 when every episode was saved.
 */
export async function dataCollect(values: CliValues, _positionals: string[], io: CliIo): Promise<number> {
  const options = dataValues(values);
  if (!options.tasks)
    throw new ConfigurationError(
      'codeact data collect needs --tasks FILE.jsonl (see docs/codeactinstruct.md for the format).',
    );
  const url = queueUrl(values, io);
  if (url && (values.mcp || values['mcp-config'] || values.tools?.length))
    throw new ConfigurationError(
      'data collect --queue cannot offer --mcp or --tools tools: workers offer the built-in task tools only.',
    );
  if (options.detach && !url) throw new ConfigurationError('--detach needs --queue URL (or $CODEACT_QUEUE).');
  const tasksPath = inCwd(io, options.tasks);
  const tasks = await readTasks(tasksPath);
  const specs = listOf(options.model ?? io.env.CODEACT_MODEL);
  const models: LanguageModel[] = [];
  const workerSpecs = new Map<string, string>();
  const resolveModel = async (spec: string | undefined) => {
    const model = await resolveCliModel({ ...values, model: spec } as CliValues, io);
    if (spec) workerSpecs.set(`${model.provider}:${model.modelId}`, absoluteModelSpec(spec, io));
    return model;
  };
  for (const spec of specs.length > 0 ? specs : [undefined]) models.push(await resolveModel(spec));
  const fallbackModel = options['fallback-model'] ? await resolveModel(options['fallback-model']) : undefined;
  const dataset = options.dataset ?? basename(tasksPath, extname(tasksPath));
  const settings = {
    ...(options.k === undefined ? {} : { k: options.k }),
    ...(options.proposals === undefined ? {} : { maxProposals: options.proposals }),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options['max-tokens'] === undefined ? {} : { maxOutputTokens: options['max-tokens'] }),
    ...(options.timeout === undefined ? {} : { actionTimeoutMs: options.timeout * 1000 }),
  };
  let executor: Executor | undefined;
  let queue: CollectQueue | undefined;
  if (url) queue = await openCollectQueue(url, { dataset, settings, specs: workerSpecs }, io);
  else {
    const resolved = await resolveCliExecutor(values);
    executor = resolved.executor;
    io.stderr.write(`codeact: ${resolved.explanation}\n`);
  }
  const extra = url ? undefined : await cliExtraTools(values, io, 'data collect');
  const store = await openDataStore(options, io);
  try {
    if (queue && options.detach)
      return await detachCollection({ queue, store, dataset, tasks, models, json: options.json }, io);
    const summary = await collectTrajectories({
      tasks,
      model: models,
      fallbackModel,
      store,
      dataset,
      tools: { wikipedia_search: createWikipediaSearchTool() },
      ...(extra ? { extraTools: extra.tools, extraSetupCode: extra.setupCode } : {}),
      ...settings,
      ...(queue
        ? { runEpisode: queue.runEpisode, concurrency: Math.max(1, tasks.length * models.length) }
        : { executor, ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }) }),
      reporter: createTextCollectReporter((line) => io.stderr.write(`${line}\n`)),
      abortSignal: io.abortSignal,
    });
    io.stdout.write(
      options.json
        ? `${JSON.stringify({ dataset, ...summary })}\n`
        : `dataset ${dataset}: ${summary.completed + summary.skipped} of ${summary.planned} episodes stored, ${summary.solved} solved this run, ${summary.failed} failed\n`,
    );
    return summary.failed === 0 && !summary.aborted ? 0 : 1;
  } finally {
    await store.close();
    await extra?.close();
    await queue?.close();
    await executor?.dispose();
  }
}
