import { pythonStrip, pythonStripChars } from '@codeact/core';
import { PyDict, pyStr } from '@codeact/mint';
import { space, word } from './python-regex.js';

/**
 * The fixed-mode argument readers: quoted values end at their own closing quote (escapes decoded),
 * bracketed values at the matching bracket, and plain values at the next separator. Values stay
 * strings, as in the original protocol.
 */

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
const hexEscapes: Record<string, number> = { x: 2, u: 4, U: 8 };
const closing: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

type Scanned = { readonly value: string; readonly end: number };

function scanQuoted(text: string, start: number): Scanned {
  const quote = text[start] as string;
  let value = '';
  let index = start + 1;
  while (index < text.length && text[index] !== quote) {
    const char = text[index] as string;
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string;
      const digits = hexEscapes[next];
      const hex = digits === undefined ? undefined : text.slice(index + 2, index + 2 + digits);
      if (digits !== undefined && hex !== undefined && new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) {
        value += String.fromCodePoint(Number.parseInt(hex, 16));
        index += 2 + digits;
      } else {
        value += escapes[next] ?? `\\${next}`;
        index += 2;
      }
    } else {
      value += char;
      index += 1;
    }
  }
  return { value, end: Math.min(index + 1, text.length) };
}

function scanBracketed(text: string, start: number): Scanned {
  const stack: string[] = [];
  let index = start;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"' || char === "'") {
      index = scanQuoted(text, index).end;
      continue;
    }
    if (char in closing) stack.push(closing[char] as string);
    else if (char === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return { value: text.slice(start, index + 1), end: index + 1 };
    }
    index += 1;
  }
  return { value: text.slice(start), end: text.length };
}

/** A nested quoted or bracketed span, to skip over while looking for a separator. */
function scanNested(text: string, start: number): Scanned | undefined {
  const char = text[start];
  if (char === '"' || char === "'") return scanQuoted(text, start);
  if (char !== undefined && char in closing) return scanBracketed(text, start);
  return undefined;
}

/** A value that is one quoted string or one list/dict literal followed by a separator; else undefined (a plain value). */
function scanDelimited(text: string, start: number): Scanned | undefined {
  const char = text[start];
  if (char !== '"' && char !== "'" && char !== '[' && char !== '{') return undefined;
  const scanned = scanNested(text, start);
  if (!scanned) return undefined;
  const rest = text.slice(scanned.end);
  return /^\s*(?:,|$)/u.test(rest) ? scanned : undefined;
}

const codeKey = new RegExp(`^(${word}+)${space}*=${space}*`, 'u');
const textKey = new RegExp(`^(${word}+):${space}*`, 'u');
const separator = new RegExp(`^[,${space.slice(1, -1)}]+`, 'u');
const nextTextKey = new RegExp(`,${space}*${word}+:`, 'u');

function skipSeparators(text: string, index: number): number {
  const match = separator.exec(text.slice(index));
  return index + (match ? match[0].length : 0);
}

/** Where a plain value ends: the next comma outside brackets and quotes. */
function plainEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length && text[index] !== ',') {
    index = scanNested(text, index)?.end ?? index + 1;
  }
  return index;
}

/** `key=value, ...` inside a code-format call. Positional arguments are skipped. */
export function parseCodeArguments(text: string): PyDict {
  const params = new PyDict();
  let index = skipSeparators(text, 0);
  while (index < text.length) {
    const key = codeKey.exec(text.slice(index));
    if (key) index += key[0].length;
    const delimited = scanDelimited(text, index);
    const end = delimited ? delimited.end : plainEnd(text, index);
    const value = delimited ? delimited.value : text.slice(index, end).trim();
    if (key) params.set(key[1] as string, pyStr(value));
    index = skipSeparators(text, end);
  }
  return params;
}

/** `key: value, ...` inside a text-format call; a plain value runs to the next `, key:`. */
export function parseTextArguments(text: string): PyDict {
  const params = new PyDict();
  let index = skipSeparators(text, 0);
  while (index < text.length) {
    const key = textKey.exec(text.slice(index));
    if (!key) {
      index = skipSeparators(text, plainEnd(text, index));
      continue;
    }
    index += key[0].length;
    const delimited = scanDelimited(text, index);
    if (delimited) {
      params.set(key[1] as string, pyStr(delimited.value));
      index = skipSeparators(text, delimited.end);
      continue;
    }
    const next = nextTextKey.exec(text.slice(index));
    const end = next ? index + next.index : text.length;
    params.set(key[1] as string, pyStr(stripValue(text.slice(index, end))));
    index = skipSeparators(text, end);
  }
  return params;
}

/** The text format's `value.strip('"').strip("'").strip()`. */
export function stripValue(value: string): string {
  return pythonStrip(pythonStripChars(pythonStripChars(value, '"'), "'"));
}
