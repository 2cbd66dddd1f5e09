// Python's `str.isspace()` characters: what `str.strip()` removes. JavaScript's `trim()` differs:
// it strips U+FEFF but not U+001C–U+001F or U+0085, which changes what benchmarks see.
const pythonSpace = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const leadingSpace = new RegExp(`^[${pythonSpace}]+`);
const trailingSpace = new RegExp(`[${pythonSpace}]+$`);

/** Python's `str.strip()`. */
export function pythonStrip(text: string): string {
  return text.replace(leadingSpace, '').replace(trailingSpace, '');
}

/** Python's `str.lstrip()`. */
export function pythonLstrip(text: string): string {
  return text.replace(leadingSpace, '');
}

/** Python's `str.rstrip()`. */
export function pythonRstrip(text: string): string {
  return text.replace(trailingSpace, '');
}

/** Python's `str.strip(chars)`: removes any of `chars` (code points) from both ends. */
export function pythonStripChars(text: string, chars: string): string {
  const set = new Set(chars);
  const points = [...text];
  let start = 0;
  let end = points.length;
  while (start < end && set.has(points[start] as string)) start++;
  while (end > start && set.has(points[end - 1] as string)) end--;
  return points.slice(start, end).join('');
}
