import { pyStrip, toAsciiDigits } from './python-string.js';

const digits = String.raw`\d(?:_?\d)*`;
const decimal = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`);
const special = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * Python's `float(text)`: surrounding whitespace, `_` between digits, `inf`/`infinity`/`nan` in any
 * case, exponents and Unicode decimal digits are accepted; anything else (including `""`, `0x10`,
 * `1_`) is not, and gives `undefined` where Python raises `ValueError`.
 */
export function parsePythonFloat(text: string): number | undefined {
  const body = toAsciiDigits(pyStrip(text));
  const named = special.exec(body);
  if (named) {
    const sign = named[1] === '-' ? -1 : 1;
    return (named[2] as string).toLowerCase() === 'nan' ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  }
  if (!decimal.test(body)) return undefined;
  return Number(body.replaceAll('_', ''));
}
