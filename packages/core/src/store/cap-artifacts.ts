import type { Trajectory } from '../trajectory/trajectory-schema.js';

/** Base64 figure bytes a stored trajectory keeps by default (2 MiB). */
export const defaultMaxArtifactBytes = 2 * 1024 * 1024;

/** The trajectory with figure data beyond `maxBytes` (in step order) emptied, so one run cannot bloat the store. */
export function capArtifacts(trajectory: Trajectory, maxBytes = defaultMaxArtifactBytes): Trajectory {
  let used = 0;
  let capped = false;
  const steps = trajectory.steps.map((step) => {
    if (!step.execution?.artifacts.length) return step;
    const artifacts = step.execution.artifacts.map((artifact) => {
      used += artifact.data.length;
      if (used <= maxBytes) return artifact;
      capped = true;
      return { ...artifact, data: '' };
    });
    return { ...step, execution: { ...step.execution, artifacts } };
  });
  return capped ? { ...trajectory, steps } : trajectory;
}
