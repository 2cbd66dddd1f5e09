export { Artifact, Execution, PythonException } from './execution.js';
export type { CreateSessionOptions, ExecuteOptions, Executor, ExecutorSession, OutputChunk } from './executor.js';
export type { ExecutorPoolStats } from './executor-pool-stats.js';
export { type InstalledPackage, parseSiteManifest, siteManifestName, toRequirements } from './installed-packages.js';
export { createOutputBatcher, type OutputBatcher } from './output-batcher.js';
