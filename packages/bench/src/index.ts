/**
 * Benchmarks for CodeAct agents: the harness (`runBenchmark`, reporters, reports and charts) and the
 * paper's suites (M³ToolEval, API-Bank, MINT), loaded by name.
 * @module
 */
export * from './harness/index.js';
export { loadSuite, resolveToolset, suiteLoaders, suiteNames } from './suites/index.js';
