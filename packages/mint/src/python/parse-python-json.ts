import { PyDict } from './python-dict.js';
import { PyException, type PyValue } from './python-value.js';

const whitespace = new Set([' ', '\t', '\n', '\r']);
const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const simpleEscapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const constants: readonly (readonly [string, PyValue])[] = [
  ['null', { type: 'none' }],
  ['true', { type: 'bool', value: true }],
  ['false', { type: 'bool', value: false }],
  ['NaN', { type: 'float', value: Number.NaN }],
  ['Infinity', { type: 'float', value: Number.POSITIVE_INFINITY }],
  ['-Infinity', { type: 'float', value: Number.NEGATIVE_INFINITY }],
];

/**
 * Python's `json.loads`: objects become dicts in key order, `2` is an int and `2.0` a float (JSON.parse
 * merges them, which changes how answers compare and print), and `NaN`, `Infinity` and `-Infinity` are
 * accepted. Raises `PyException('JSONDecodeError')` where Python raises.
 */
export function parsePythonJson(text: string): PyValue {
  let index = 0;
  const fail = (message: string): never => {
    throw new PyException('JSONDecodeError', `${message}: char ${index}`);
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
      if (escaped !== undefined && escaped in simpleEscapes) {
        out += simpleEscapes[escaped];
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
  const parseSequence = <T>(close: string, item: () => T): T[] => {
    index++;
    const items: T[] = [];
    skip();
    if (text[index] === close) {
      index++;
      return items;
    }
    for (;;) {
      items.push(item());
      skip();
      if (text[index] === ',') {
        index++;
        continue;
      }
      if (text[index] === close) {
        index++;
        return items;
      }
      fail("Expecting ',' delimiter");
    }
  };
  const parseEntry = (): [string, PyValue] => {
    skip();
    if (text[index] !== '"') fail('Expecting property name enclosed in double quotes');
    const key = parseString();
    skip();
    if (text[index] !== ':') fail("Expecting ':' delimiter");
    index++;
    return [key, parseValue()];
  };
  const parseValue = (): PyValue => {
    skip();
    const char = text[index];
    if (char === '{') return new PyDict(parseSequence('}', parseEntry));
    if (char === '[') return { type: 'list', items: parseSequence(']', parseValue) };
    if (char === '"') return { type: 'str', value: parseString() };
    for (const [literal, value] of constants) {
      if (text.startsWith(literal, index)) {
        index += literal.length;
        return value;
      }
    }
    numberPattern.lastIndex = index;
    const match = numberPattern.exec(text);
    if (!match) return fail('Expecting value');
    index += match[0].length;
    const isFloat = match[1] !== undefined || match[2] !== undefined;
    return isFloat ? { type: 'float', value: Number(match[0]) } : { type: 'int', value: BigInt(match[0]) };
  };
  const value = parseValue();
  skip();
  if (index !== text.length) fail('Extra data');
  return value;
}

/** The value of `key` in a parsed JSON object, if present. */
export function getJsonField(object: PyValue, key: string): PyValue | undefined {
  return object.type === 'dict' ? object.get(key) : undefined;
}
