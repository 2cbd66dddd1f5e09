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
