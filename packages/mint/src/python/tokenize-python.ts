import { PyException } from './python-value.js';

export type PyToken =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string; readonly bytes: boolean; readonly formatted: boolean }
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'op'; readonly text: string }
  | { readonly kind: 'newline' }
  | { readonly kind: 'end' };

const digitPart = '[0-9](?:_?[0-9])*';
const exponent = `[eE][+-]?${digitPart}`;
const pointFloat = String.raw`(?:${digitPart})?\.${digitPart}|${digitPart}\.`;
const floatNumber = `(?:(?:${pointFloat})(?:${exponent})?|${digitPart}${exponent})`;
const numberPattern = new RegExp(
  `^(?:(?:${floatNumber}|${digitPart})[jJ]|${floatNumber}|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|${digitPart})`,
);
const namePattern = /^[\p{XID_Start}_][\p{XID_Continue}]*/u;
const stringPrefix = /^(?:[rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?(?='|")/;
const operators = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '->',
  ':=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '&',
  '|',
  '^',
  '~',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '=',
];
const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const keywordsAfterNumber = /^(?:and|or|in|is|if|else|not|for)\b/;

function syntaxError(message: string): PyException {
  return new PyException('SyntaxError', message);
}

function decodeEscapes(body: string): string {
  return body.replace(
    /\\(?:\n|([\\'"abfnrtv])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3})|N\{([^}]*)\})/g,
    (match, simple?: string, hex2?: string, hex4?: string, hex8?: string, octal?: string, named?: string) => {
      if (match === '\\\n') return '';
      if (simple !== undefined) {
        const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
        return map[simple] ?? simple;
      }
      const code = hex2 ?? hex4 ?? hex8;
      if (code !== undefined) return String.fromCodePoint(Number.parseInt(code, 16));
      if (octal !== undefined) return String.fromCodePoint(Number.parseInt(octal, 8));
      throw new PyException('Unsupported', `\\N{${named}} escapes are not supported`);
    },
  );
}

function readString(source: string, start: number, prefix: string): { token: PyToken; end: number } {
  const at = start + prefix.length;
  const quote = source.startsWith(source[at] === "'" ? "'''" : '"""', at)
    ? (source[at] as string).repeat(3)
    : (source[at] as string);
  const raw = /[rR]/.test(prefix);
  let index = at + quote.length;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (quote.length === 1 && char === '\n') break;
    if (source.startsWith(quote, index)) {
      const body = source.slice(at + quote.length, index);
      const value = raw ? body : decodeEscapes(body);
      return {
        token: { kind: 'string', value, bytes: /[bB]/.test(prefix), formatted: /[fF]/.test(prefix) },
        end: index + quote.length,
      };
    }
    index++;
  }
  throw syntaxError('unterminated string literal');
}

/**
 * Splits an expression into Python tokens, as `eval` sees it: leading spaces and tabs are ignored,
 * newlines inside brackets are joined, comments and `\`-continuations are dropped, and characters
 * Python rejects (`√`, `×`, `$`, non-ASCII digits) are a `SyntaxError`.
 */
export function tokenizePython(source: string): PyToken[] {
  const tokens: PyToken[] = [];
  const brackets: string[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const char = source[index] as string;
    if (char === ' ' || char === '\t' || char === '\f') {
      index++;
      continue;
    }
    if (char === '\\' && source[index + 1] === '\n') {
      index += 2;
      continue;
    }
    if (char === '#') {
      while (index < source.length && source[index] !== '\n') index++;
      continue;
    }
    if (char === '\n' || char === '\r') {
      if (brackets.length === 0 && tokens.length > 0 && tokens.at(-1)?.kind !== 'newline')
        tokens.push({ kind: 'newline' });
      index++;
      continue;
    }
    const number = numberPattern.exec(rest);
    if (number) {
      const text = number[0];
      const after = rest.slice(text.length);
      if (/^[0-9_]/.test(after) || (/^[\p{XID_Continue}]/u.test(after) && !keywordsAfterNumber.test(after))) {
        throw syntaxError('invalid decimal literal');
      }
      if (/^0[0-9_]*[1-9]/.test(text) && /^[0-9_]+$/.test(text)) {
        throw syntaxError('leading zeros in decimal integer literals are not permitted');
      }
      tokens.push({ kind: 'number', text });
      index += text.length;
      continue;
    }
    const prefix = stringPrefix.exec(rest);
    if (prefix) {
      const { token, end } = readString(source, index, prefix[0]);
      tokens.push(token);
      index = end;
      continue;
    }
    const name = namePattern.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0].normalize('NFKC') });
      index += name[0].length;
      continue;
    }
    const operator = operators.find((op) => rest.startsWith(op));
    if (operator) {
      if (operator === '(' || operator === '[' || operator === '{') brackets.push(operator);
      const open = closing[operator];
      if (open !== undefined && brackets.pop() !== open) throw syntaxError(`unmatched '${operator}'`);
      tokens.push({ kind: 'op', text: operator });
      index += operator.length;
      continue;
    }
    throw syntaxError(`invalid character '${String.fromCodePoint(source.codePointAt(index) as number)}'`);
  }
  if (brackets.length > 0) throw syntaxError(`'${brackets.at(-1)}' was never closed`);
  tokens.push({ kind: 'end' });
  return tokens;
}
