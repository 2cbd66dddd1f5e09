import { PyException, type PyValue } from './python-value.js';

/**
 * Reads JSON the way Python's `json.loads` does: `2.0` stays a float and `2` an int (JSON.parse
 * merges them, which changes how TheoremQA compares answers). Objects become dicts with string keys.
 */
export function parsePythonJson(text: string): PyValue {
  let index = 0;
  const fail = (): never => {
    throw new PyException('JSONDecodeError', `invalid JSON at ${index}`);
  };
  const skip = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index] as string)) index++;
  };
  const value = (): PyValue => {
    skip();
    const char = text[index];
    if (char === '{') {
      index++;
      const entries: [PyValue, PyValue][] = [];
      skip();
      if (text[index] === '}') {
        index++;
        return { type: 'dict', entries };
      }
      for (;;) {
        const key = value();
        if (key.type !== 'str') fail();
        skip();
        if (text[index++] !== ':') fail();
        entries.push([key, value()]);
        skip();
        const next = text[index++];
        if (next === '}') return { type: 'dict', entries };
        if (next !== ',') fail();
      }
    }
    if (char === '[') {
      index++;
      const items: PyValue[] = [];
      skip();
      if (text[index] === ']') {
        index++;
        return { type: 'list', items };
      }
      for (;;) {
        items.push(value());
        skip();
        const next = text[index++];
        if (next === ']') return { type: 'list', items };
        if (next !== ',') fail();
      }
    }
    if (char === '"') {
      const match = /^"(?:[^"\\]|\\.)*"/s.exec(text.slice(index));
      if (!match) return fail();
      index += match[0].length;
      return { type: 'str', value: JSON.parse(match[0]) as string };
    }
    const literal = /^(?:true|false|null|NaN|-?Infinity|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(index),
    );
    if (!literal) return fail();
    index += literal[0].length;
    const token = literal[0];
    if (token === 'true' || token === 'false') return { type: 'bool', value: token === 'true' };
    if (token === 'null') return { type: 'none' };
    if (/^-?\d+$/.test(token)) return { type: 'int', value: BigInt(token) };
    return { type: 'float', value: token === 'NaN' ? Number.NaN : Number(token) };
  };
  const result = value();
  skip();
  if (index !== text.length) fail();
  return result;
}

/** The value of `key` in a parsed JSON object, if present. */
export function getJsonField(object: PyValue, key: string): PyValue | undefined {
  if (object.type !== 'dict') return undefined;
  return object.entries.find(([k]) => k.type === 'str' && k.value === key)?.[1];
}
