/** Python `re` classes for str patterns, spelled for JavaScript `u` regexes. */

/** `\w`: Unicode letters and numbers plus `_` (JavaScript's `\w` is ASCII only). */
export const word = '[\\p{L}\\p{N}_]';

/** `\s`: Python's whitespace set (JavaScript's differs in \x1c-\x1f and \ufeff). */
export const space = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/** `.` without DOTALL: anything but `\n` (JavaScript's `.` also stops at \r, U+2028 and U+2029). */
export const dot = '[^\\n]';
