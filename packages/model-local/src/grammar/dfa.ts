import { derivative, empty, namedChars, type Regex } from './regex.js';

/** A transition on a set of code points: `chars`, or with `others` also every code point `Dfa.alphabet` lacks. */
export type DfaEdge = { readonly chars: readonly string[]; readonly others: boolean; readonly to: number };

export type DfaState = { readonly regex: Regex; readonly accepting: boolean; readonly edges: readonly DfaEdge[] };

/**
 * A deterministic automaton whose states are the derivatives of one expression. Only productive
 * states are kept: from every state some accepted text can still be reached, so a grammar built from
 * it never leaves the model without a legal next character.
 */
export type Dfa = {
  readonly states: readonly DfaState[];
  /** The code points the expression names; every other code point behaves alike. */
  readonly alphabet: readonly string[];
};

export class GrammarTooLargeError extends Error {
  override readonly name = 'GrammarTooLargeError';
}

/** A code point outside `alphabet`, standing for all of them. */
function otherChar(alphabet: ReadonlySet<string>): string {
  for (let code = 0x4e00; ; code++) {
    const char = String.fromCodePoint(code);
    if (!alphabet.has(char)) return char;
  }
}

/** Builds the automaton of `regex`, or returns undefined when it matches nothing. */
export function buildDfa(regex: Regex, options: { maxStates?: number } = {}): Dfa | undefined {
  const maxStates = options.maxStates ?? 20_000;
  const alphabetSet = namedChars(regex);
  const alphabet = [...alphabetSet].sort();
  const other = otherChar(alphabetSet);
  const index = new Map<number, number>();
  const regexes: Regex[] = [];
  const raw: { char: string; to: number }[][] = [];
  const add = (state: Regex) => {
    let at = index.get(state.id);
    if (at === undefined) {
      if (regexes.length >= maxStates) {
        throw new GrammarTooLargeError(`The grammar needs more than ${maxStates} states.`);
      }
      at = regexes.length;
      index.set(state.id, at);
      regexes.push(state);
    }
    return at;
  };
  add(regex);
  for (let at = 0; at < regexes.length; at++) {
    const state = regexes[at] as Regex;
    const edges: { char: string; to: number }[] = [];
    for (const char of [...alphabet, other]) {
      const next = derivative(state, char);
      if (next !== empty) edges.push({ char, to: add(next) });
    }
    raw.push(edges);
  }
  // Keep states from which an accepting state is reachable.
  const productive = regexes.map((state) => state.nullable);
  for (let changed = true; changed; ) {
    changed = false;
    raw.forEach((edges, at) => {
      if (!productive[at] && edges.some((edge) => productive[edge.to])) {
        productive[at] = true;
        changed = true;
      }
    });
  }
  if (!productive[0]) return undefined;
  const renumber = new Map<number, number>();
  const order: number[] = [];
  const visit = (at: number) => {
    if (renumber.has(at)) return;
    renumber.set(at, order.length);
    order.push(at);
  };
  visit(0);
  for (let cursor = 0; cursor < order.length; cursor++) {
    for (const edge of raw[order[cursor] as number] ?? []) if (productive[edge.to]) visit(edge.to);
  }
  const states = order.map((at): DfaState => {
    const grouped = new Map<number, { chars: string[]; others: boolean; to: number }>();
    for (const edge of raw[at] ?? []) {
      if (!productive[edge.to]) continue;
      const to = renumber.get(edge.to) as number;
      const group = grouped.get(to) ?? { chars: [], others: false, to };
      if (edge.char === other) group.others = true;
      else group.chars.push(edge.char);
      grouped.set(to, group);
    }
    const regexOfState = regexes[at] as Regex;
    return { regex: regexOfState, accepting: regexOfState.nullable, edges: [...grouped.values()] };
  });
  return { states, alphabet };
}

function edgeMatches(edge: DfaEdge, char: string, alphabet: ReadonlySet<string>): boolean {
  return edge.chars.includes(char) || (edge.others && !alphabet.has(char));
}

/** Runs the automaton over `text` from `start`; undefined once the text leaves the language. */
export function runDfa(dfa: Dfa, text: string, start = 0): number | undefined {
  const alphabet = new Set(dfa.alphabet);
  let at: number | undefined = start;
  for (const char of text) {
    const state: DfaState | undefined = dfa.states[at];
    const edge: DfaEdge | undefined = state?.edges.find((candidate) => edgeMatches(candidate, char, alphabet));
    if (!edge) return undefined;
    at = edge.to;
  }
  return at;
}

/** A readable character an edge accepts, for completions. */
function representative(edge: DfaEdge, alphabet: ReadonlySet<string>): string {
  const preferred = [...'x0 \n'].find((char) => edgeMatches(edge, char, alphabet));
  if (preferred !== undefined) return preferred;
  const printable = edge.chars.find((char) => char >= ' ' && char <= '~');
  if (printable !== undefined) return printable;
  if (edge.chars[0] !== undefined) return edge.chars[0];
  return otherChar(alphabet);
}

/** The shortest text that takes `start` to an accepting state (breadth-first). */
export function shortestCompletion(dfa: Dfa, start: number): string {
  const alphabet = new Set(dfa.alphabet);
  const previous = new Map<number, { from: number; char: string } | undefined>([[start, undefined]]);
  const queue = [start];
  for (let cursor = 0; cursor < queue.length; cursor++) {
    const at = queue[cursor] as number;
    if (dfa.states[at]?.accepting) {
      let text = '';
      for (let step = previous.get(at); step; step = previous.get(step.from)) text = step.char + text;
      return text;
    }
    for (const edge of dfa.states[at]?.edges ?? []) {
      if (previous.has(edge.to)) continue;
      previous.set(edge.to, { from: at, char: representative(edge, alphabet) });
      queue.push(edge.to);
    }
  }
  return '';
}
