/**
 * Python `str` semantics the MINT checkers depend on. JavaScript differs in small ways that change
 * verdicts: `trim()` strips U+FEFF but not U+001C–U+001F or U+0085, `length` counts UTF-16 units
 * rather than code points, and `Number()` accepts `""` and `0x10`.
 */

import { PyException, type PyValue, typeName } from './python-value.js';

// One implementation of `str.strip()` and friends, core's, under the names the MINT code uses.
export {
  pythonLstrip as pyLstrip,
  pythonRstrip as pyRstrip,
  pythonStrip as pyStrip,
  pythonStripChars as pyStripChars,
} from '@codeact/core';

/** `len(s)`: code points, not UTF-16 units. */
export function pyLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `s[:n]` by code points. */
export function pyHead(text: string, codePoints: number): string {
  if (text.length <= codePoints) return text;
  let out = '';
  let count = 0;
  for (const point of text) {
    if (count === codePoints) break;
    out += point;
    count++;
  }
  return out;
}

/** Characters `str.isdigit()` accepts that are not decimal digits (superscripts and the like). */
const nonDecimalDigits =
  /[\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{1d7ce}-\u{1d7ff}\u{1f100}-\u{1f10a}]/u;
const digitChar = new RegExp(`^(?:\\p{Nd}|${nonDecimalDigits.source})$`, 'u');

/** `s.isdigit()`: non-empty and every character a digit (decimal or not, e.g. `²`). */
export function pyIsDigit(text: string): boolean {
  if (text === '') return false;
  for (const point of text) if (!digitChar.test(point)) return false;
  return true;
}

/** `s.isdecimal()`: non-empty and only Unicode decimal digits (what `float()` can read). */
export function pyIsDecimal(text: string): boolean {
  return /^\p{Nd}+$/u.test(text);
}

/** Maps every Unicode decimal digit (`\p{Nd}`) to its ASCII digit, as Python's number parsers do. */
export function toAsciiDigits(text: string): string {
  if (/^\p{ASCII}*$/u.test(text)) return text;
  let out = '';
  for (const point of text) {
    const code = point.codePointAt(0) as number;
    if (code < 0x80 || !/\p{Nd}/u.test(point)) {
      out += point;
      continue;
    }
    // Decimal digits come in complete runs of ten starting at zero; find this run's start.
    let start = code;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    out += String((code - start) % 10);
  }
  return out;
}

/** The text of `value` for `value.method(...)`; a non-string raises AttributeError, as in Python. */
export function requireStr(value: PyValue, method: string): string {
  if (value.type === 'str') return value.value;
  throw new PyException('AttributeError', `'${typeName(value)}' object has no attribute '${method}'`);
}

/** `s.zfill(width)`. */
export function pyZfill(text: string, width: number): string {
  if (text.length >= width) return text;
  const sign = text[0] === '-' || text[0] === '+' ? (text[0] as string) : '';
  return sign + '0'.repeat(width - text.length) + text.slice(sign.length);
}
