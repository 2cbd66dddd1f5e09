import { ConfigurationError } from '@codeact/core';
import {
  createRecordedWikipediaReplay,
  type GradingRule,
  isRecordingModel,
  type MintTask,
  type MintTaskFamily,
  measureObservationFidelity,
  mintTaskFamilies,
  runMintEpisode,
} from '@codeact/mint';
import type { BenchmarkSuite, ExtraTools, SuiteOptions } from '../../harness/benchmark-suite.js';
import { mintChart, renderMintReport, summarizeMint } from './mint-report.js';

/** The MINT settings read from `SuiteOptions` (`--k`, `--fixed`). */
export type MintSettings = {
  readonly k: number;
  readonly rule: GradingRule;
  readonly emptySystemMessage: boolean;
  /** `recorded` (replays only): serve code observations from the recording instead of running them. */
  readonly observations: 'interpreter' | 'recorded';
};

/** `k` (1–5 in the paper, default 5); `fixed` grades with the current rule instead of the recorded one. */
export function mintSettings(options: SuiteOptions): MintSettings {
  const k = Number(options.k ?? 5);
  if (!Number.isInteger(k) || k < 1)
    throw new ConfigurationError(`MINT's --k must be a positive integer; got ${options.k}.`);
  return {
    k,
    rule: options.fixed ? 'current' : 'recorded',
    emptySystemMessage: options.emptySystemMessage === true,
    observations: options.observations === 'recorded' ? 'recorded' : 'interpreter',
  };
}

/** The family with `extra` host tools listed after its own and their setup code run after its own. */
function withExtraTools(family: MintTaskFamily, extra: ExtraTools): MintTaskFamily {
  return {
    ...family,
    createEnvironment: (task, context) => {
      const environment = family.createEnvironment(task, context);
      const setupCode = [environment.setupCode, extra.setupCode].filter(Boolean).join('\n') || undefined;
      return { ...environment, tools: [...environment.tools, ...extra.tools], setupCode };
    },
  };
}

/** Builds the MINT suite over `families` (default: the seven codeact runs). */
export function createMintSuite(families: readonly MintTaskFamily[] = mintTaskFamilies): BenchmarkSuite<MintTask> {
  const byName = new Map(families.map((family) => [family.name, family]));
  const familyOf = (task: MintTask) => {
    const family = byName.get(task.family);
    if (!family) throw new ConfigurationError(`No MINT task family ${task.family}.`);
    return family;
  };
  const listTasks = async () => {
    const tasks: MintTask[] = [];
    for (const family of families) tasks.push(...(await family.loadTasks()));
    return tasks;
  };
  return {
    specificationVersion: 'v1',
    name: 'mint',
    formats: ['code'],
    acceptsExtraTools: true,
    listTasks,
    async runEpisode({ task, model, executor, suiteOptions, abortSignal, extraTools }) {
      const settings = mintSettings(suiteOptions);
      const recorded = isRecordingModel(model) ? model.recordedEpisode(task.id) : undefined;
      if (settings.observations === 'recorded' && !recorded) {
        throw new ConfigurationError(`observations: 'recorded' needs a replay model with a recording of ${task.id}.`);
      }
      const result = await runMintEpisode({
        model,
        executor: await executor(),
        family: extraTools ? withExtraTools(familyOf(task), extraTools) : familyOf(task),
        task,
        maxSteps: settings.k,
        rule: settings.rule,
        emptySystemMessage: settings.emptySystemMessage,
        toolReplay: recorded ? createRecordedWikipediaReplay(recorded.turns) : undefined,
        observations: settings.observations,
        abortSignal,
      });
      const { trajectory } = result;
      return {
        taskId: task.id,
        format: 'code',
        success: result.success,
        turns: result.steps.length,
        usage: trajectory.usage,
        endReason: result.terminateReason,
        durationMs: trajectory.durationMs,
        trajectory,
        extra: {
          family: task.family,
          actionCount: result.actionCount,
          ...(recorded
            ? {
                recorded: { success: recorded.outcome.success ?? null, endReason: recorded.outcome.reason ?? null },
                ...(settings.observations === 'interpreter'
                  ? { fidelity: measureObservationFidelity(result.steps, recorded.turns) }
                  : {}),
              }
            : {}),
        },
      };
    },
    summarize: (results) => summarizeMint(results),
    renderReport: renderMintReport,
    chart: mintChart,
    async toolset(taskId) {
      const task = (await listTasks()).find((candidate) => candidate.id === taskId);
      if (!task) throw new ConfigurationError(`No MINT task ${taskId}; ids look like gsm8k/0 or mbpp/12.`);
      const environment = familyOf(task).createEnvironment(task, {
        executor: undefined as never,
        rule: 'recorded',
        abortSignal: new AbortController().signal,
      });
      return { tools: environment.tools };
    },
  };
}

/** `codeact bench mint`: the seven MINT task families codeact runs (ALFWorld needs TextWorld). */
export const mintSuite: BenchmarkSuite<MintTask> = createMintSuite();
