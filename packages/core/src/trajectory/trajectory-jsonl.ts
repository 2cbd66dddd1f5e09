import { Trajectory } from './trajectory-schema.js';

/** One line of JSONL for a trajectory. */
export function stringifyTrajectory(trajectory: Trajectory): string {
  return JSON.stringify(trajectory);
}

export type ParseTrajectoryResult =
  | { success: true; value: Trajectory; error?: never }
  | { success: false; value?: never; error: string };

/** Parses and validates one JSONL line. */
export function parseTrajectory(line: string): ParseTrajectoryResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { success: false, error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = Trajectory.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { success: false, error: `not a trajectory: ${issue?.path.join('.')}: ${issue?.message}` };
  }
  return { success: true, value: parsed.data };
}
