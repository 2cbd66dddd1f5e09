const digits = String.raw`\d(?:_?\d)*`;
const finite = new RegExp(`^[+-]?(?:(?:${digits})?\\.${digits}|${digits}\\.?)(?:[eE][+-]?${digits})?$`);
const special = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * Python's `float(text)`: surrounding whitespace, `_` between digits, exponents, `inf`/`nan` in any
 * case. Undefined where Python raises (JS `Number()` differs: `""` → 0, `"0x10"` → 16).
 */
export function parsePythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  if (special.test(trimmed)) {
    const negative = trimmed.startsWith('-');
    if (/nan$/i.test(trimmed)) return Number.NaN;
    return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!finite.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll('_', ''));
}
