import { pythonStrip, pythonStripChars } from '@codeact/core';
import { PyException } from './py-exception.js';
import { type PyValue, pyTypeName } from './py-value.js';

/** `value.method(...)` on a non-string raises AttributeError, as in Python. */
export function requireStr(value: PyValue | undefined, method: string): string {
  if (typeof value === 'string') return value;
  throw new PyException('AttributeError', `'${pyTypeName(value)}' object has no attribute '${method}'`);
}

/** Python `str.strip(chars)` on a value; without `chars`, Python whitespace (core's one implementation). */
export function pyStrip(value: PyValue | undefined, chars?: string): string {
  const text = requireStr(value, 'strip');
  return chars === undefined ? pythonStrip(text) : pythonStripChars(text, chars);
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
