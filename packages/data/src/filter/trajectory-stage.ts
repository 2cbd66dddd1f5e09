import type { Trajectory } from '@codeact/core';

/** A step of the data pipeline: filters, transforms and exporters all have this shape. */
export type TrajectoryStage = ((source: AsyncIterable<Trajectory>) => AsyncIterable<Trajectory>) & {
  /** Shown in the funnel, e.g. `min-turns(3)`. */
  readonly stageName: string;
};

/** How many trajectories went into a stage and came out of it. */
export type FunnelStep = { readonly stage: string; in: number; out: number };

/** Names a stage function. */
export function defineStage(
  stageName: string,
  run: (source: AsyncIterable<Trajectory>) => AsyncIterable<Trajectory>,
): TrajectoryStage {
  return Object.assign((source: AsyncIterable<Trajectory>) => run(source), { stageName });
}

/** A stage that keeps the trajectories `keep` accepts. */
export function defineFilter(stageName: string, keep: (trajectory: Trajectory) => boolean): TrajectoryStage {
  return defineStage(stageName, async function* (source) {
    for await (const trajectory of source) if (keep(trajectory)) yield trajectory;
  });
}

async function* counted(source: AsyncIterable<Trajectory>, count: () => void): AsyncGenerator<Trajectory> {
  for await (const trajectory of source) {
    count();
    yield trajectory;
  }
}

/**
 * Chains stages and counts what enters and leaves each one. `funnel` fills in as the result is
 * consumed and is complete once it has been read to the end.
 *
 * @example
 * const { trajectories, funnel } = applyStages(source, [...originalRule(), dedup()]);
 * await writeJsonl('kept.jsonl', trajectories);
 * // funnel: [{ stage: 'success', in: 8580, out: … }, …]
 */
export function applyStages(
  source: AsyncIterable<Trajectory>,
  stages: readonly TrajectoryStage[],
): { trajectories: AsyncIterable<Trajectory>; funnel: FunnelStep[] } {
  const funnel: FunnelStep[] = [];
  let current = source;
  for (const stage of stages) {
    const step: FunnelStep = { stage: stage.stageName, in: 0, out: 0 };
    funnel.push(step);
    current = counted(
      stage(
        counted(current, () => {
          step.in += 1;
        }),
      ),
      () => {
        step.out += 1;
      },
    );
  }
  return { trajectories: current, funnel };
}
