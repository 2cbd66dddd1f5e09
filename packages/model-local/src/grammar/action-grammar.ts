import { buildDfa, type Dfa, runDfa, shortestCompletion } from './dfa.js';
import { dfaToGbnf } from './gbnf.js';
import { and, anyChar, anyText, literal, not, type Regex, seq, skipMarked } from './regex.js';

/**
 * The replies a local model may produce, as a regular language. Decoding is constrained to it, so
 * every reply that ends (end of turn, stop sequence or token limit) holds one parseable action.
 */
export type ActionGrammar = {
  /** `codeact`, `json`, … */
  readonly name: string;
  readonly regex: Regex;
  /** Stop sequences the structure already allows only at the very end (closing tags). */
  readonly endStops?: readonly string[] | undefined;
};

/** A grammar ready for one set of stop sequences. */
export type CompiledActionGrammar = {
  readonly name: string;
  /** The GBNF llama.cpp constrains decoding with. */
  readonly gbnf: string;
  /** Stop sequences the grammar keeps out of the reply (all except the ones it could not). */
  readonly stopSequences: readonly string[];
  /** True when `text` is a whole reply of the language. */
  accepts(text: string): boolean;
  /** True when `text` can still be extended into a reply of the language. */
  isPrefix(text: string): boolean;
  /**
   * GBNF for the rest of a reply cut off after `text`, with the free text (thoughts) dropped so the
   * model goes straight to its action. Undefined when `text` is complete or outside the language.
   */
  continuation(text: string): string | undefined;
  /** The shortest text that turns the prefix `text` into a whole reply ('' when it is one already). */
  completion(text: string): string | undefined;
};

/** A stop sequence may end the reply but not appear inside it. */
function stopOnlyAtEnd(stop: string): Regex {
  return not(seq(anyText, literal(stop), anyChar, anyText));
}

function build(grammar: ActionGrammar, stops: readonly string[]): { dfa: Dfa; stops: readonly string[] } {
  const checked = stops.filter((stop) => stop !== '' && !(grammar.endStops ?? []).includes(stop));
  const dfa = buildDfa(and(grammar.regex, ...checked.map(stopOnlyAtEnd)));
  if (dfa) return { dfa, stops: checked };
  // A stop sequence the structure itself needs (e.g. "<"): leave it to the caller's cut.
  const plain = buildDfa(grammar.regex);
  if (!plain) throw new Error(`The ${grammar.name} action grammar matches no reply.`);
  return { dfa: plain, stops: [] };
}

const cache = new WeakMap<ActionGrammar, Map<string, CompiledActionGrammar>>();

/** Compiles `grammar` for a call with `stopSequences` (cached per grammar and stop set). */
export function compileActionGrammar(
  grammar: ActionGrammar,
  stopSequences: readonly string[] = [],
): CompiledActionGrammar {
  const key = JSON.stringify([...new Set(stopSequences)].sort());
  let byStops = cache.get(grammar);
  const cached = byStops?.get(key);
  if (cached) return cached;
  const { dfa, stops } = build(grammar, [...new Set(stopSequences)]);
  const compiled: CompiledActionGrammar = {
    name: grammar.name,
    gbnf: dfaToGbnf(dfa),
    stopSequences: stops,
    accepts: (text) => {
      const at = runDfa(dfa, text);
      return at !== undefined && dfa.states[at]?.accepting === true;
    },
    isPrefix: (text) => runDfa(dfa, text) !== undefined,
    continuation(text) {
      const at = runDfa(dfa, text);
      const state = at === undefined ? undefined : dfa.states[at];
      if (!state || state.accepting) return undefined;
      const forced = buildDfa(skipMarked(state.regex));
      return forced ? dfaToGbnf(forced) : undefined;
    },
    completion(text) {
      const at = runDfa(dfa, text);
      return at === undefined ? undefined : shortestCompletion(dfa, at);
    },
  };
  if (!byStops) {
    byStops = new Map();
    cache.set(grammar, byStops);
  }
  byStops.set(key, compiled);
  return compiled;
}
