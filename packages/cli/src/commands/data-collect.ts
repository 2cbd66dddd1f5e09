import { basename, extname } from 'node:path';
import { ConfigurationError, type LanguageModel } from '@codeact/core';
import { collectTrajectories, createTextCollectReporter, readTasks } from '@codeact/data';
import { createWikipediaSearchTool } from '@codeact/mint';
import { cliExtraTools } from '../cli-extra-tools.js';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { resolveCliExecutor, resolveCliModel } from '../resolve-context.js';
import { dataValues, inCwd, listOf, openDataStore } from './data-values.js';

/**
 * `codeact data collect --tasks FILE --model M`: every task once per model (comma-separated models run
 * in turn), then `--fallback-model` on the tasks none solved. Progress goes to stderr, the summary to
 * stdout. Re-running with the same `--dataset` resumes. `--mcp` / `--mcp-config` servers' tools and
 * `--tools` modules' tools are offered in every episode (listed after the task's own). Exit 0 when every episode was saved.
 */
export async function dataCollect(values: CliValues, _positionals: string[], io: CliIo): Promise<number> {
  const options = dataValues(values);
  if (!options.tasks)
    throw new ConfigurationError(
      'codeact data collect needs --tasks FILE.jsonl (see docs/codeactinstruct.md for the format).',
    );
  const tasksPath = inCwd(io, options.tasks);
  const tasks = await readTasks(tasksPath);
  const specs = listOf(options.model ?? io.env.CODEACT_MODEL);
  const models: LanguageModel[] = [];
  for (const spec of specs.length > 0 ? specs : [undefined])
    models.push(await resolveCliModel({ ...values, model: spec } as CliValues, io));
  const fallbackModel = options['fallback-model']
    ? await resolveCliModel({ ...values, model: options['fallback-model'] } as CliValues, io)
    : undefined;
  const { executor, explanation } = await resolveCliExecutor(values);
  io.stderr.write(`codeact: ${explanation}\n`);
  const extra = await cliExtraTools(values, io, 'data collect');
  const store = await openDataStore(options, io);
  try {
    const dataset = options.dataset ?? basename(tasksPath, extname(tasksPath));
    const summary = await collectTrajectories({
      tasks,
      model: models,
      fallbackModel,
      executor,
      store,
      dataset,
      tools: { wikipedia_search: createWikipediaSearchTool() },
      ...(extra ? { extraTools: extra.tools, extraSetupCode: extra.setupCode } : {}),
      ...(options.k === undefined ? {} : { k: options.k }),
      ...(options.proposals === undefined ? {} : { maxProposals: options.proposals }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options['max-tokens'] === undefined ? {} : { maxOutputTokens: options['max-tokens'] }),
      ...(options.timeout === undefined ? {} : { actionTimeoutMs: options.timeout * 1000 }),
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
    await executor.dispose();
  }
}
