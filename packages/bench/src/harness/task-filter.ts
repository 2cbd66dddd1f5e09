import { ConfigurationError } from '@codeact/core';
import type { BenchmarkSuite, BenchmarkTask, SuiteOptions } from './benchmark-suite.js';

/** Escapes everything but `*` and `?`, which match any run of characters and any one character. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/**
 * Whether a task id matches a filter: comma-separated globs (`*` any characters, `?` one),
 * matched against the whole id. Undefined or empty matches everything.
 *
 * @example
 * matchesTaskFilter('web_browsing/price_of_legendary_wand', 'web_browsing/*') // true
 */
export function matchesTaskFilter(taskId: string, filter: string | undefined): boolean {
  if (filter === undefined || filter.trim() === '') return true;
  return filter
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .some((glob) => globToRegExp(glob).test(taskId));
}

/**
 * The tasks of a suite a run covers: those whose id (or an alias) matches `filter`; a
 * `ConfigurationError` when none does.
 */
export async function selectTasks<TASK extends BenchmarkTask>(
  suite: BenchmarkSuite<TASK>,
  suiteOptions: SuiteOptions,
  filter: string | undefined,
): Promise<readonly TASK[]> {
  const all = await suite.listTasks(suiteOptions);
  const tasks = all.filter((task) =>
    [task.id, ...(task.aliases ?? [])].some((name) => matchesTaskFilter(name, filter)),
  );
  if (tasks.length === 0) throw new ConfigurationError(`No ${suite.name} task matches ${JSON.stringify(filter)}.`);
  return tasks;
}
