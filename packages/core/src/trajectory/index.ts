export { type ParseTrajectoryResult, parseTrajectory, stringifyTrajectory } from './trajectory-jsonl.js';
export { RunStatus, Trajectory, TrajectoryStep, trajectorySchemaVersion, Usage } from './trajectory-schema.js';
