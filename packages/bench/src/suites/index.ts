import { ConfigurationError } from '@codeact/core';
import type { BenchmarkSuite, SuiteOptions, Toolset } from '../harness/benchmark-suite.js';

/**
 * A suite module is `src/suites/<name>/index.ts` and exports `suite: BenchmarkSuite`.
 * Loaded lazily, so `codeact bench mint` never reads M³ToolEval's data.
 */
type SuiteModule = { readonly suite: BenchmarkSuite };

/** Every benchmark, by the name the CLI takes (`codeact bench <name>`). */
export const suiteLoaders: Readonly<Record<string, () => Promise<SuiteModule>>> = {
  m3tooleval: () => import('./m3tooleval/index.js'),
  'api-bank': () => import('./api-bank/index.js'),
  mint: () => import('./mint/index.js'),
};

export const suiteNames = Object.keys(suiteLoaders);

/** Loads a suite by name; unknown names are a `ConfigurationError` listing the known ones. */
export async function loadSuite(name: string): Promise<BenchmarkSuite> {
  const loader = Object.hasOwn(suiteLoaders, name) ? suiteLoaders[name] : undefined;
  if (!loader)
    throw new ConfigurationError(`Unknown benchmark ${JSON.stringify(name)}; known: ${suiteNames.join(', ')}.`);
  return (await loader()).suite;
}

/**
 * The tools of one benchmark task, for `codeact exec --toolset <suite>:<task id>`. Built fresh on every
 * call, so state (a web browser's history, a database) never leaks between calls.
 *
 * @example
 * const { tools, pythonPrelude } = await resolveToolset('m3tooleval:web_browsing/people_in_sales');
 */
export async function resolveToolset(name: string, options: SuiteOptions = {}): Promise<Toolset> {
  const colon = name.indexOf(':');
  if (colon === -1) {
    throw new ConfigurationError(
      `A toolset is <benchmark>:<task id>, e.g. m3tooleval:web_browsing/people_in_sales; got ${JSON.stringify(name)}.`,
    );
  }
  const suite = await loadSuite(name.slice(0, colon));
  if (!suite.toolset) throw new ConfigurationError(`${suite.name} has no toolsets.`);
  return suite.toolset(name.slice(colon + 1), options);
}
