import { pythonStrip, pythonStripChars } from '@codeact/core';
import { type PyValue, requireStr } from '@codeact/mint';

/** An argument an API calls a `str` method on, or text it already holds. */
export type StrLike = PyValue | string;

const textOf = (value: StrLike, method: string) => (typeof value === 'string' ? value : requireStr(value, method));

/** `value.strip(chars)`: AttributeError for a non-string, as in Python. */
export function strStrip(value: StrLike, chars?: string): string {
  const text = textOf(value, 'strip');
  return chars === undefined ? pythonStrip(text) : pythonStripChars(text, chars);
}

/** `value.lower()`. */
export function strLower(value: StrLike): string {
  return textOf(value, 'lower').toLowerCase();
}

/** `value.upper()`. */
export function strUpper(value: StrLike): string {
  return textOf(value, 'upper').toUpperCase();
}
