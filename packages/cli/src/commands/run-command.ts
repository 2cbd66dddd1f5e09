import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  CodeActError,
  ConfigurationError,
  meterModel,
  streamAgent,
  stringifyTrajectory,
  type Trajectory,
} from '@codeact/core';
import { approveToolCalls } from '../approve-tool-calls.js';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { formatUsage } from '../format-usage.js';
import { createEventPrinter } from '../print-events.js';
import {
  cliSystemPrompt,
  openCliStore,
  resolveCliExecutor,
  resolveCliModel,
  resolveCliToolset,
} from '../resolve-context.js';
import { createArtifactSaver } from '../save-artifacts.js';
import { createStyler } from '../style-text.js';
import { agentSettings } from './agent-settings.js';

/**
 * `codeact run TASK`: the transcript goes to stderr and the answer alone to stdout, so scripts can
 * take the last line of stdout. Exit 0 with an answer, 1 otherwise. With `--json`, stdout carries
 * one event per line instead.
 */
export async function runCommand(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const task = positionals.join(' ').trim();
  if (!task) throw new ConfigurationError('codeact run needs a task, e.g. codeact run "What is 2**100?"');
  const metered = meterModel(await resolveCliModel(values, io));
  const model = metered.model;
  const toolset = await resolveCliToolset(values, io);
  const { executor, explanation } = await resolveCliExecutor(values, { cwd: io.cwd }).catch(async (error: unknown) => {
    await toolset.close();
    throw error;
  });
  io.stderr.write(`codeact: ${explanation}\n`);
  const store = await openCliStore(values, io);
  try {
    const stream = streamAgent({
      onStepEnd: store ? (partial) => store.saveTrajectory(partial) : undefined,
      model,
      executor,
      tools: toolset.tools,
      toolHost: toolset.toolHost,
      system: cliSystemPrompt(toolset, 'task'),
      prompt: task,
      workDir: values.workdir === undefined ? undefined : resolve(io.cwd, values.workdir),
      abortSignal: io.abortSignal,
      approveToolCall: approveToolCalls(values),
      ...agentSettings(values),
    });
    let runId = 'run';
    const saveArtifacts = createArtifactSaver(values.artifacts, io.cwd, () => runId);
    const print = createEventPrinter(
      (text) => io.stderr.write(text),
      createStyler(Boolean(io.stderr.isTTY) && !io.env.NO_COLOR),
      { saveArtifacts },
    );
    for await (const event of stream) {
      if (event.type === 'run-start') runId = event.runId;
      if (!values.json) print(event);
      else {
        io.stdout.write(`${JSON.stringify(event)}\n`);
        if (event.type === 'execution-end') saveArtifacts?.(event.execution.artifacts);
      }
    }
    let trajectory: Trajectory | undefined;
    const result = await stream.result.catch((error: unknown) => {
      // The transcript's run-end line already said it; --json readers get it once here.
      if (values.json) io.stderr.write(`codeact: ${(error as Error).message}\n`);
      if (CodeActError.isInstance(error)) trajectory = error.trajectory as Trajectory | undefined;
      return undefined;
    });
    trajectory = result?.trajectory ?? trajectory;
    if (store && trajectory) await store.saveTrajectory(trajectory);
    if (values.trajectory && trajectory) {
      await appendFile(resolve(io.cwd, values.trajectory), `${stringifyTrajectory(trajectory)}\n`);
    }
    if (trajectory) io.stderr.write(`codeact: ${formatUsage(trajectory.usage, metered.costUsd())}\n`);
    if (result?.status === 'answer' && !values.json) io.stdout.write(`${result.answer ?? ''}\n`);
    return result?.status === 'answer' ? 0 : 1;
  } finally {
    await executor.dispose();
    await store?.close();
    await toolset.close();
  }
}
