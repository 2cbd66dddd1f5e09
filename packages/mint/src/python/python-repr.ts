import type { PyValue } from './python-value.js';

/** Python `repr(float)`: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${head}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

const nonPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as Python does. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char !== ' ' && (code < 0x20 || code === 0x7f || (code > 0x7f && nonPrintable.test(char)))) {
      if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += char;
  }
  return out + quote;
}

/** A complex part as `repr(complex)` writes it: integral values without `.0`. */
function complexPart(value: number): string {
  return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : pythonFloatRepr(value);
}

function complexRepr(re: number, im: number): string {
  const imaginary = `${complexPart(im)}j`;
  if (re === 0 && !Object.is(re, -0)) return imaginary;
  const sign = im < 0 || Object.is(im, -0) ? '' : '+';
  return `(${complexPart(re)}${sign}${imaginary})`;
}

/** Python `repr(value)`. */
export function pythonRepr(value: PyValue): string {
  switch (value.type) {
    case 'none':
      return 'None';
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'int':
      return String(value.value);
    case 'float':
      return pythonFloatRepr(value.value);
    case 'complex':
      return complexRepr(value.re, value.im);
    case 'str':
      return pythonStrRepr(value.value);
    case 'list':
      return `[${value.items.map(pythonRepr).join(', ')}]`;
    case 'tuple':
      return value.items.length === 1
        ? `(${pythonRepr(value.items[0] as PyValue)},)`
        : `(${value.items.map(pythonRepr).join(', ')})`;
    case 'set':
      return value.items.length === 0 ? 'set()' : `{${value.items.map(pythonRepr).join(', ')}}`;
    case 'ndarray':
      return `array([${value.items.map(pythonRepr).join(', ')}])`;
    case 'dict':
      return `{${[...value].map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
    case 'function':
      return `<built-in function ${value.name}>`;
    case 'module':
      return `<module '${value.name}'>`;
    case 'opaque':
      return value.repr ?? `<${value.name} object>`;
  }
}

/** Python `str(value)`: a top-level string is bare; everything inside containers is `repr`. */
export function pythonStr(value: PyValue): string {
  if (value.type === 'str') return value.value;
  if (value.type === 'opaque' && value.str !== undefined) return value.str;
  return pythonRepr(value);
}
