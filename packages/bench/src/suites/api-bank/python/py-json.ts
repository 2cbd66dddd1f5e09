import { pyFloatRepr } from './py-str.js';
import { type PyDict, PyFloat, type PyValue } from './py-value.js';

/** A failed `json.loads`, as Python's `JSONDecodeError` (a `ValueError`). */
export class PyJsonError extends Error {
  override readonly name = 'JSONDecodeError';
}

const whitespace = new Set([' ', '\t', '\n', '\r']);
const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

/**
 * Python `json.loads`: objects become ordered dicts, `1` is an int and `1.0` a float, and `NaN`,
 * `Infinity` and `-Infinity` are accepted. Throws `PyJsonError` where Python raises.
 */
export function pyJsonLoads(text: string): PyValue {
  let index = 0;
  const fail = (message: string): never => {
    throw new PyJsonError(`${message}: char ${index}`);
  };
  const skip = () => {
    while (index < text.length && whitespace.has(text[index] as string)) index++;
  };
  const parseString = (): string => {
    index++;
    let out = '';
    for (;;) {
      if (index >= text.length) fail('Unterminated string starting at');
      const char = text[index] as string;
      if (char === '"') {
        index++;
        return out;
      }
      if (char < ' ') fail('Invalid control character at');
      if (char !== '\\') {
        out += char;
        index++;
        continue;
      }
      const escaped = text[index + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (escaped !== undefined && escaped in simple) {
        out += simple[escaped];
        index += 2;
      } else if (escaped === 'u') {
        const hex = text.slice(index + 2, index + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        index += 6;
      } else {
        fail('Invalid \\escape');
      }
    }
  };
  const parseValue = (): PyValue => {
    skip();
    const char = text[index];
    if (char === '{') {
      index++;
      const dict: PyDict = new Map();
      skip();
      if (text[index] === '}') {
        index++;
        return dict;
      }
      for (;;) {
        skip();
        if (text[index] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = parseString();
        skip();
        if (text[index] !== ':') fail("Expecting ':' delimiter");
        index++;
        dict.set(key, parseValue());
        skip();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === '}') {
          index++;
          return dict;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (char === '[') {
      index++;
      const list: PyValue[] = [];
      skip();
      if (text[index] === ']') {
        index++;
        return list;
      }
      for (;;) {
        list.push(parseValue());
        skip();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === ']') {
          index++;
          return list;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (char === '"') return parseString();
    for (const [literal, value] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', new PyFloat(Number.NaN)],
      ['Infinity', new PyFloat(Number.POSITIVE_INFINITY)],
      ['-Infinity', new PyFloat(Number.NEGATIVE_INFINITY)],
    ] as const) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return value;
      }
    }
    numberPattern.lastIndex = index;
    const match = numberPattern.exec(text);
    if (!match) return fail('Expecting value');
    index += match[0].length;
    return match[1] !== undefined || match[2] !== undefined ? new PyFloat(Number(match[0])) : Number(match[0]);
  };
  const value = parseValue();
  skip();
  if (index !== text.length) fail('Extra data');
  return value;
}

function escapeJsonString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const char = text[index] as string;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** Python `json.dumps(value)` with its defaults: `", "` and `": "` separators, ASCII escaping. */
export function pyJsonDumps(value: PyValue): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeJsonString(value);
  if (value instanceof PyFloat) {
    if (Number.isNaN(value.value)) return 'NaN';
    if (!Number.isFinite(value.value)) return value.value > 0 ? 'Infinity' : '-Infinity';
    return pyFloatRepr(value.value);
  }
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  if (value instanceof Map) {
    const items = [...value].map(([key, item]) => `${escapeJsonString(String(key))}: ${pyJsonDumps(item)}`);
    return `{${items.join(', ')}}`;
  }
  throw new TypeError(`Object of type ${value.constructor.name} is not JSON serializable`);
}
