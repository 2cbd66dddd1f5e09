import type { ActionGrammar } from '../action-grammar.js';
import { buildDfa, type Dfa, shortestCompletion } from '../dfa.js';
import { and, anyChar, anyText, literal, not, seq } from '../regex.js';

/** Code points outside every grammar's alphabet, to exercise the "any other character" edges. */
const otherPool = [...'éß日本✓€😀qZ~|'];

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export function grammarDfa(grammar: ActionGrammar, stops: readonly string[] = []): Dfa {
  const checked = stops.filter((stop) => !(grammar.endStops ?? []).includes(stop));
  const dfa = buildDfa(
    and(grammar.regex, ...checked.map((stop) => not(seq(anyText, literal(stop), anyChar, anyText)))),
  );
  if (!dfa) throw new Error('empty grammar');
  return dfa;
}

/**
 * Random replies of the grammar's language: a seeded walk over the automaton that stops at an
 * accepting state with some probability, and takes the shortest way out after `maxChars`.
 */
export function sampleReplies(dfa: Dfa, count: number, options: { seed?: number; maxChars?: number } = {}): string[] {
  const random = mulberry32(options.seed ?? 7);
  const alphabet = new Set(dfa.alphabet);
  const replies: string[] = [];
  for (let index = 0; index < count; index++) {
    let at = 0;
    let text = '';
    const length = Math.floor(random() * (options.maxChars ?? 60));
    for (let step = 0; step < length; step++) {
      const state = dfa.states[at];
      if (!state || state.edges.length === 0 || (state.accepting && random() < 0.05)) break;
      const edge = state.edges[Math.floor(random() * state.edges.length)];
      if (!edge) break;
      const choices = [...edge.chars, ...(edge.others ? otherPool.filter((char) => !alphabet.has(char)) : [])];
      text += choices[Math.floor(random() * choices.length)] ?? '';
      at = edge.to;
    }
    replies.push(text + shortestCompletion(dfa, at));
  }
  return replies;
}
