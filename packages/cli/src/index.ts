/**
 * The `codeact` command line as a library: `runCli(argv, io)` for tests and embedding.
 * @module
 */
export type { CliIo } from './cli-io.js';
export { type CliValues, cliOptions, commandNames } from './cli-options.js';
export { type ParsedCli, parseCli } from './parse-cli.js';
export { renderHelp } from './render-help.js';
export { runCli } from './run-cli.js';
export { type OpenTrajectoryStoreOptions, openTrajectoryStore } from './store/open-trajectory-store.js';
