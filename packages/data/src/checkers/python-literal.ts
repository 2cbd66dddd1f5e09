/** A value `ast.literal_eval` can produce from the answers models write: strings, numbers, booleans, None, lists. */
export type PythonLiteral = string | number | boolean | null | PythonLiteral[];

/**
 * A small `ast.literal_eval` for answers: string literals (single, double, triple quotes, escapes),
 * numbers, True/False/None, lists, tuples and sets (both become lists). Undefined when `text` is not
 * such a literal.
 */
export function parsePythonLiteral(text: string): PythonLiteral | undefined {
  let position = 0;
  const source = text.trim();
  const skip = () => {
    while (position < source.length && /\s/.test(source[position] as string)) position += 1;
  };
  const fail = (): never => {
    throw new SyntaxError('not a literal');
  };
  const parseString = (): string => {
    let prefix = '';
    while (/[rRuUbB]/.test(source[position] ?? '')) prefix += source[position++];
    const raw = /r/i.test(prefix);
    const quote =
      source.startsWith("'''", position) || source.startsWith('"""', position)
        ? source.slice(position, position + 3)
        : source[position];
    if (quote !== "'" && quote !== '"' && quote !== "'''" && quote !== '"""') return fail();
    position += quote.length;
    let value = '';
    for (;;) {
      if (position >= source.length) fail();
      if (source.startsWith(quote, position)) {
        position += quote.length;
        return value;
      }
      const char = source[position] as string;
      if (char === '\n' && quote.length === 1) fail();
      if (char === '\\' && !raw) {
        const next = source[position + 1] ?? '';
        const escapes: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '\\': '\\',
          "'": "'",
          '"': '"',
          '0': '\0',
          '\n': '',
        };
        if (next in escapes) {
          value += escapes[next];
          position += 2;
          continue;
        }
        if (next === 'u' || next === 'x') {
          const length = next === 'u' ? 4 : 2;
          const hex = source.slice(position + 2, position + 2 + length);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) fail();
          value += String.fromCharCode(Number.parseInt(hex, 16));
          position += 2 + length;
          continue;
        }
        value += '\\';
        position += 1;
        continue;
      }
      value += char;
      position += 1;
    }
  };
  const parseSequence = (close: string): PythonLiteral[] => {
    const items: PythonLiteral[] = [];
    position += 1;
    skip();
    while (source[position] !== close) {
      items.push(parseValue());
      skip();
      if (source[position] === ',') {
        position += 1;
        skip();
      } else if (source[position] !== close) fail();
    }
    position += 1;
    return items;
  };
  const parseValue = (): PythonLiteral => {
    skip();
    const char = source[position];
    if (char === '[') return parseSequence(']');
    if (char === '(') return parseSequence(')');
    if (char === '{') return parseSequence('}');
    if (char === "'" || char === '"' || /^[rRuUbB]{1,2}['"]/.test(source.slice(position, position + 3))) {
      let value = parseString();
      skip();
      // Adjacent string literals concatenate, as in Python.
      while (source[position] === "'" || source[position] === '"') {
        value += parseString();
        skip();
      }
      return value;
    }
    const word = /^(True|False|None)\b/.exec(source.slice(position));
    if (word) {
      position += word[0].length;
      return word[0] === 'None' ? null : word[0] === 'True';
    }
    const number = /^[+-]?(?:\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(
      source.slice(position),
    );
    if (number) {
      position += number[0].length;
      return Number(number[0].replaceAll('_', ''));
    }
    return fail();
  };
  try {
    const value = parseValue();
    skip();
    return position === source.length ? value : undefined;
  } catch {
    return undefined;
  }
}
