import type { Dfa, DfaEdge } from './dfa.js';

function escapeCodePoint(code: number): string {
  const char = String.fromCodePoint(code);
  if (/^[A-Za-z0-9 ]$/.test(char)) return char;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** A GBNF character class body, with runs of code points written as ranges. */
function classBody(chars: readonly string[]): string {
  const codes = [...new Set(chars.map((char) => char.codePointAt(0) as number))].sort((a, b) => a - b);
  let body = '';
  for (let index = 0; index < codes.length; ) {
    let end = index;
    while (end + 1 < codes.length && codes[end + 1] === (codes[end] as number) + 1) end++;
    const first = codes[index] as number;
    const last = codes[end] as number;
    body +=
      last - first >= 2
        ? `${escapeCodePoint(first)}-${escapeCodePoint(last)}`
        : codes
            .slice(index, end + 1)
            .map(escapeCodePoint)
            .join('');
    index = end + 1;
  }
  return body;
}

function edgeClass(edge: DfaEdge, alphabet: readonly string[]): string {
  if (!edge.others) return `[${classBody(edge.chars)}]`;
  const excluded = alphabet.filter((char) => !edge.chars.includes(char));
  return excluded.length === 0 ? '[\\x00-\\U0010ffff]' : `[^${classBody(excluded)}]`;
}

/**
 * Writes the automaton as a right-linear GBNF grammar, one rule per state (`root` is the start).
 * Every reference is in tail position, so llama.cpp's grammar stacks never grow.
 */
export function dfaToGbnf(dfa: Dfa, start = 0): string {
  const name = (at: number) => (at === start ? 'root' : `s${at}`);
  const reachable = [start];
  const seen = new Set(reachable);
  for (let cursor = 0; cursor < reachable.length; cursor++) {
    for (const edge of dfa.states[reachable[cursor] as number]?.edges ?? []) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        reachable.push(edge.to);
      }
    }
  }
  return reachable
    .map((at) => {
      const state = dfa.states[at];
      const alternatives = (state?.edges ?? []).map((edge) => `${edgeClass(edge, dfa.alphabet)} ${name(edge.to)}`);
      if (state?.accepting) alternatives.push('""');
      return `${name(at)} ::= ${alternatives.join(' | ')}`;
    })
    .join('\n');
}
