import { basename } from 'node:path';
import { ConfigurationError, type Trajectory, type TrajectoryStore } from '@codeact/core';
import {
  applyStages,
  type DedupKey,
  dedup,
  downsample,
  excludeSources,
  type FunnelStep,
  maxTurns,
  minTurns,
  originalRule,
  selfImprovement,
  success,
  type TrajectoryStage,
  writeJsonl,
} from '@codeact/data';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { type DataCliValues, dataValues, inCwd, listOf, openDataStore, readTrajectorySource } from './data-values.js';

/** Parses `--downsample`: `N` for every source, or `src=N,src2=M,*=K`. */
export function parseDownsample(spec: string): number | Record<string, number> {
  if (/^\d+$/.test(spec)) return Number(spec);
  const limits: Record<string, number> = {};
  for (const part of listOf(spec)) {
    const match = /^(.+)=(\d+)$/.exec(part);
    if (!match) throw new ConfigurationError(`--downsample wants N or SOURCE=N,…,*=N, not "${spec}"`);
    limits[match[1] as string] = Number(match[2]);
  }
  return limits;
}

/** The stages the flags ask for, in a fixed order: rule, success, turns, sources, dedup, down-sampling. */
export function stagesFor(options: DataCliValues): TrajectoryStage[] {
  const stages: TrajectoryStage[] = [];
  const rule = options.rule ?? 'original';
  if (rule === 'original') stages.push(...originalRule());
  else if (rule === 'self-improvement') stages.push(selfImprovement());
  else if (rule !== 'none')
    throw new ConfigurationError(`--rule must be original, self-improvement or none, not "${rule}"`);
  if (options.success && rule === 'none') stages.push(success());
  if (options['min-turns'] !== undefined) stages.push(minTurns(options['min-turns']));
  if (options['max-turns'] !== undefined) stages.push(maxTurns(options['max-turns']));
  if (options['exclude-sources']) stages.push(excludeSources(listOf(options['exclude-sources'])));
  const by = options.dedup ?? 'task-model';
  if (by !== 'none') {
    if (!['task-model', 'task', 'content'].includes(by))
      throw new ConfigurationError(`--dedup must be task-model, task, content or none, not "${by}"`);
    stages.push(dedup({ by: by as DedupKey }));
  }
  if (options.downsample)
    stages.push(downsample({ perSource: parseDownsample(options.downsample), seed: options.seed ?? 42 }));
  return stages;
}

/** The funnel as aligned text. */
export function formatFunnel(funnel: readonly FunnelStep[]): string {
  const width = Math.max(5, ...funnel.map((step) => step.stage.length));
  const rows = funnel.map(
    (step) => `${step.stage.padEnd(width)}  ${String(step.in).padStart(7)}  ${String(step.out).padStart(7)}`,
  );
  return [`${'stage'.padEnd(width)}  ${'in'.padStart(7)}  ${'out'.padStart(7)}`, ...rows].join('\n');
}

/**
 * `codeact data filter`: reads trajectories (`--dataset` or `--input`), applies the rule and filters,
 * writes the kept ones to `--to DATASET` in the store (as copies with ids `<DATASET>/<id>`) or to
 * `--out FILE.jsonl`, and prints the funnel.
 */
export async function dataFilter(values: CliValues, _positionals: string[], io: CliIo): Promise<number> {
  const options = dataValues(values);
  if (!options.to && !options.out)
    throw new ConfigurationError('Say where the kept trajectories go: --to DATASET (store) or --out FILE.jsonl.');
  const stages = stagesFor(options);
  let store: TrajectoryStore | undefined;
  const getStore = async () => {
    store ??= await openDataStore(options, io);
    return store;
  };
  try {
    const { trajectories, funnel } = applyStages(readTrajectorySource(options, io, getStore), stages);
    let kept = 0;
    if (options.out) {
      kept = await writeJsonl(inCwd(io, options.out), trajectories);
    } else {
      const target = await getStore();
      const batch: Trajectory[] = [];
      // A trajectory id belongs to one dataset, so the kept ones are copies under `<to>/<id>`.
      for await (const trajectory of trajectories) {
        batch.push({ ...trajectory, id: `${options.to}/${trajectory.id}` });
        if (batch.length === 200) await target.saveTrajectories(batch.splice(0), { dataset: options.to });
        kept += 1;
      }
      if (batch.length > 0) await target.saveTrajectories(batch, { dataset: options.to });
    }
    const destination = options.out ? basename(options.out) : `dataset ${options.to}`;
    io.stdout.write(
      options.json
        ? `${JSON.stringify({ funnel, kept })}\n`
        : `${formatFunnel(funnel)}\nkept ${kept} → ${destination}\n`,
    );
    return 0;
  } finally {
    await store?.close();
  }
}
