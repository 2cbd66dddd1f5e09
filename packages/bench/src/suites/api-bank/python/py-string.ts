import { PyException } from './py-exception.js';
import { type PyValue, pyTypeName } from './py-value.js';

/** Characters Python's `str.isspace()` accepts, which `str.strip()` removes. */
const whitespace =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** `value.method(...)` on a non-string raises AttributeError, as in Python. */
export function requireStr(value: PyValue | undefined, method: string): string {
  if (typeof value === 'string') return value;
  throw new PyException('AttributeError', `'${pyTypeName(value)}' object has no attribute '${method}'`);
}

/** Python `str.strip(chars)`; without `chars`, Python whitespace. */
export function pyStrip(value: PyValue | undefined, chars: string = whitespace): string {
  const text = requireStr(value, 'strip');
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start] as string)) start++;
  while (end > start && chars.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

export function pyLower(value: PyValue | undefined): string {
  return requireStr(value, 'lower').toLowerCase();
}

export function pyUpper(value: PyValue | undefined): string {
  return requireStr(value, 'upper').toUpperCase();
}

/** Python `str.zfill(width)`. */
export function pyZfill(text: string, width: number): string {
  if (text.length >= width) return text;
  const sign = text[0] === '-' || text[0] === '+' ? (text[0] as string) : '';
  return sign + '0'.repeat(width - text.length) + text.slice(sign.length);
}

/** Python `str.isdigit()`, for ASCII digits. */
export function pyIsDigit(text: string): boolean {
  return /^[0-9]+$/.test(text);
}
