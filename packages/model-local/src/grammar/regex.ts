/**
 * Regular expressions over Unicode code points with intersection and complement, hash-consed so that
 * equal expressions are the same object. Brzozowski derivatives turn them into DFAs (`buildDfa`),
 * which become GBNF grammars for llama.cpp and let the provider track where a partial reply is.
 */
export type Regex =
  | { readonly kind: 'empty'; readonly id: number; readonly nullable: false }
  | { readonly kind: 'epsilon'; readonly id: number; readonly nullable: true }
  | {
      readonly kind: 'chars';
      readonly id: number;
      readonly nullable: false;
      /** When true, every code point except `chars`. */
      readonly negated: boolean;
      readonly chars: readonly string[];
    }
  | { readonly kind: 'seq'; readonly id: number; readonly nullable: boolean; readonly items: readonly Regex[] }
  | { readonly kind: 'alt'; readonly id: number; readonly nullable: boolean; readonly items: readonly Regex[] }
  | { readonly kind: 'and'; readonly id: number; readonly nullable: boolean; readonly items: readonly Regex[] }
  | { readonly kind: 'not'; readonly id: number; readonly nullable: boolean; readonly item: Regex }
  | { readonly kind: 'star'; readonly id: number; readonly nullable: true; readonly item: Regex }
  | {
      readonly kind: 'mark';
      readonly id: number;
      readonly nullable: boolean;
      /** Free text the provider may skip when a reply runs out of tokens (see `skipMarked`). */
      readonly label: 'skippable';
      readonly item: Regex;
    };

type Shape =
  | { kind: 'empty' | 'epsilon' }
  | { kind: 'chars'; negated: boolean; chars: readonly string[] }
  | { kind: 'seq' | 'alt' | 'and'; items: readonly Regex[] }
  | { kind: 'not' | 'star'; item: Regex }
  | { kind: 'mark'; label: 'skippable'; item: Regex };

const interned = new Map<string, Regex>();
let nextId = 0;

function keyOf(shape: Shape): string {
  switch (shape.kind) {
    case 'empty':
    case 'epsilon':
      return shape.kind;
    case 'chars':
      return `${shape.negated ? '^' : '='}${shape.chars.join('\u0000')}`;
    case 'seq':
    case 'alt':
    case 'and':
      return `${shape.kind}(${shape.items.map((item) => item.id).join(',')})`;
    case 'not':
    case 'star':
      return `${shape.kind}(${shape.item.id})`;
    case 'mark':
      return `mark:${shape.label}(${shape.item.id})`;
  }
}

function nullableOf(shape: Shape): boolean {
  switch (shape.kind) {
    case 'empty':
    case 'chars':
      return false;
    case 'epsilon':
    case 'star':
      return true;
    case 'seq':
    case 'and':
      return shape.items.every((item) => item.nullable);
    case 'alt':
      return shape.items.some((item) => item.nullable);
    case 'not':
      return !shape.item.nullable;
    case 'mark':
      return shape.item.nullable;
  }
}

function intern(shape: Shape): Regex {
  const key = keyOf(shape);
  const existing = interned.get(key);
  if (existing) return existing;
  const regex = { ...shape, id: nextId++, nullable: nullableOf(shape) } as Regex;
  interned.set(key, regex);
  return regex;
}

export const empty: Regex = intern({ kind: 'empty' });
export const epsilon: Regex = intern({ kind: 'epsilon' });

function sortedUnique(chars: Iterable<string>): string[] {
  return [...new Set(chars)].sort();
}

/** One code point out of `chars` (given as a string or a list). */
export function oneOf(chars: string | Iterable<string>): Regex {
  const list = sortedUnique(typeof chars === 'string' ? [...chars] : chars);
  return list.length === 0 ? empty : intern({ kind: 'chars', negated: false, chars: list });
}

/** Any code point except `chars`. */
export function noneOf(chars: string | Iterable<string>): Regex {
  return intern({ kind: 'chars', negated: true, chars: sortedUnique(typeof chars === 'string' ? [...chars] : chars) });
}

export const anyChar: Regex = noneOf([]);
export const anyText: Regex = star(anyChar);

export function literal(text: string): Regex {
  return seq(...[...text].map((char) => oneOf([char])));
}

export function seq(...items: Regex[]): Regex {
  const flat: Regex[] = [];
  for (const item of items) {
    if (item === empty) return empty;
    if (item === epsilon) continue;
    if (item.kind === 'seq') flat.push(...item.items);
    else flat.push(item);
  }
  if (flat.length === 0) return epsilon;
  if (flat.length === 1) return flat[0] as Regex;
  return intern({ kind: 'seq', items: flat });
}

function unionChars(a: Extract<Regex, { kind: 'chars' }>, b: Extract<Regex, { kind: 'chars' }>): Regex {
  if (!a.negated && !b.negated) return oneOf([...a.chars, ...b.chars]);
  if (a.negated && b.negated) return noneOf(a.chars.filter((char) => b.chars.includes(char)));
  const [positive, negative] = a.negated ? [b, a] : [a, b];
  return noneOf(negative.chars.filter((char) => !positive.chars.includes(char)));
}

export function alt(...items: Regex[]): Regex {
  const flat: Regex[] = [];
  let chars: Extract<Regex, { kind: 'chars' }> | undefined;
  const visit = (item: Regex) => {
    if (item === empty) return;
    if (item.kind === 'alt') for (const inner of item.items) visit(inner);
    else if (item.kind === 'chars') chars = chars ? (unionChars(chars, item) as typeof chars) : item;
    else flat.push(item);
  };
  for (const item of items) visit(item);
  if (chars) flat.push(chars);
  if (flat.includes(anyText)) return anyText;
  const unique = [...new Map(flat.map((item) => [item.id, item])).values()].sort((a, b) => a.id - b.id);
  if (unique.length === 0) return empty;
  if (unique.length === 1) return unique[0] as Regex;
  return intern({ kind: 'alt', items: unique });
}

/** Text matched by every item. */
export function and(...items: Regex[]): Regex {
  const flat: Regex[] = [];
  for (const item of items) {
    if (item === empty) return empty;
    if (item === anyText) continue;
    if (item.kind === 'and') flat.push(...item.items);
    else flat.push(item);
  }
  const unique = [...new Map(flat.map((item) => [item.id, item])).values()].sort((a, b) => a.id - b.id);
  if (unique.length === 0) return anyText;
  if (unique.length === 1) return unique[0] as Regex;
  return intern({ kind: 'and', items: unique });
}

/** Every text the item does not match. */
export function not(item: Regex): Regex {
  if (item.kind === 'not') return item.item;
  if (item === empty) return anyText;
  if (item === anyText) return empty;
  return intern({ kind: 'not', item });
}

export function star(item: Regex): Regex {
  if (item === empty || item === epsilon) return epsilon;
  if (item.kind === 'star') return item;
  return intern({ kind: 'star', item });
}

export function plus(item: Regex): Regex {
  return seq(item, star(item));
}

export function optional(item: Regex): Regex {
  return alt(epsilon, item);
}

/** Text that does not contain any of `strings`. */
export function excluding(strings: readonly string[]): Regex {
  if (strings.length === 0) return anyText;
  return not(seq(anyText, alt(...strings.map(literal)), anyText));
}

/** Marks free text that `skipMarked` may drop. */
export function skippable(item: Regex): Regex {
  if (item === empty || item === epsilon) return item;
  return intern({ kind: 'mark', label: 'skippable', item });
}

/** Replaces every skippable part that may end here with the empty string (forcing the structure). */
export function skipMarked(regex: Regex): Regex {
  switch (regex.kind) {
    case 'empty':
    case 'epsilon':
    case 'chars':
      return regex;
    case 'seq':
      return seq(...regex.items.map(skipMarked));
    case 'alt':
      return alt(...regex.items.map(skipMarked));
    case 'and':
      return and(...regex.items.map(skipMarked));
    case 'not':
      return regex;
    case 'star':
      return star(skipMarked(regex.item));
    case 'mark':
      return regex.item.nullable ? epsilon : skipMarked(regex.item);
  }
}

function matches(regex: Extract<Regex, { kind: 'chars' }>, char: string): boolean {
  return regex.chars.includes(char) !== regex.negated;
}

const derivatives = new Map<number, Map<string, Regex>>();

/** The expression for what may follow `char`. */
export function derivative(regex: Regex, char: string): Regex {
  let byChar = derivatives.get(regex.id);
  const cached = byChar?.get(char);
  if (cached) return cached;
  const result = computeDerivative(regex, char);
  if (!byChar) {
    byChar = new Map();
    derivatives.set(regex.id, byChar);
  }
  byChar.set(char, result);
  return result;
}

function computeDerivative(regex: Regex, char: string): Regex {
  switch (regex.kind) {
    case 'empty':
    case 'epsilon':
      return empty;
    case 'chars':
      return matches(regex, char) ? epsilon : empty;
    case 'seq': {
      const [head, ...rest] = regex.items as [Regex, ...Regex[]];
      const tail = seq(...rest);
      const first = seq(derivative(head, char), tail);
      return head.nullable ? alt(first, derivative(tail, char)) : first;
    }
    case 'alt':
      return alt(...regex.items.map((item) => derivative(item, char)));
    case 'and':
      return and(...regex.items.map((item) => derivative(item, char)));
    case 'not':
      return not(derivative(regex.item, char));
    case 'star':
      return seq(derivative(regex.item, char), regex);
    case 'mark':
      return skippable(derivative(regex.item, char));
  }
}

/** Every code point some character class in the expression names. */
export function namedChars(regex: Regex, into: Set<string> = new Set(), seen: Set<number> = new Set()): Set<string> {
  if (seen.has(regex.id)) return into;
  seen.add(regex.id);
  switch (regex.kind) {
    case 'chars':
      for (const char of regex.chars) into.add(char);
      break;
    case 'seq':
    case 'alt':
    case 'and':
      for (const item of regex.items) namedChars(item, into, seen);
      break;
    case 'not':
    case 'star':
    case 'mark':
      namedChars(regex.item, into, seen);
      break;
    default:
      break;
  }
  return into;
}
