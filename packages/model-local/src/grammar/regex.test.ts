import { describe, expect, it } from 'vitest';
import { buildDfa, runDfa, shortestCompletion } from './dfa.js';
import { dfaToGbnf } from './gbnf.js';
import {
  alt,
  and,
  anyText,
  derivative,
  empty,
  epsilon,
  excluding,
  literal,
  noneOf,
  not,
  oneOf,
  optional,
  type Regex,
  seq,
  skipMarked,
  skippable,
  star,
} from './regex.js';

function matches(regex: Regex, text: string): boolean {
  let current = regex;
  for (const char of text) current = derivative(current, char);
  return current.nullable;
}

describe('regex', () => {
  it('hash-conses equal expressions into one object', () => {
    expect(seq(literal('ab'), star(oneOf('xy')))).toBe(seq(literal('a'), literal('b'), star(oneOf('yx'))));
    expect(alt(literal('a'), literal('b'))).toBe(oneOf('ab'));
    expect(alt(empty, literal('a'))).toBe(literal('a'));
    expect(seq(epsilon, literal('a'), epsilon)).toBe(literal('a'));
    expect(not(not(literal('a')))).toBe(literal('a'));
    expect(and(anyText, literal('a'))).toBe(literal('a'));
  });

  it('matches by derivatives, with intersection and complement', () => {
    const noDoubleDash = and(star(noneOf('<')), excluding(['--']));
    expect(matches(noDoubleDash, 'a-b-c')).toBe(true);
    expect(matches(noDoubleDash, 'a--b')).toBe(false);
    expect(matches(noDoubleDash, 'a<b')).toBe(false);
    expect(matches(noDoubleDash, '日本-✓')).toBe(true);
    expect(matches(seq(literal('x'), optional(literal('y'))), 'xy')).toBe(true);
    expect(matches(seq(literal('x'), optional(literal('y'))), 'xyy')).toBe(false);
  });

  it('drops skippable text so the structure comes next', () => {
    const reply = seq(skippable(star(noneOf('<'))), literal('<a>'));
    const afterThought = derivative(derivative(reply, 'h'), 'i');
    expect(matches(skipMarked(afterThought), '<a>')).toBe(true);
    expect(matches(skipMarked(afterThought), 'more<a>')).toBe(false);
    expect(matches(afterThought, 'more<a>')).toBe(true);
  });
});

describe('buildDfa', () => {
  it('keeps only states from which the text can still be accepted', () => {
    const dfa = buildDfa(and(seq(star(oneOf('ab')), literal('c')), excluding(['aa'])));
    expect(dfa).toBeDefined();
    if (!dfa) return;
    expect(runDfa(dfa, 'ababc')).toBeDefined();
    expect(runDfa(dfa, 'aab')).toBeUndefined();
    expect(shortestCompletion(dfa, runDfa(dfa, 'ab') as number)).toBe('c');
    expect(buildDfa(and(literal('a'), literal('b')))).toBeUndefined();
  });

  it('writes a right-linear GBNF grammar with escaped classes', () => {
    const dfa = buildDfa(seq(literal('-'), star(noneOf(']\\\n"')), literal('"')));
    expect(dfa && dfaToGbnf(dfa)).toBe(
      ['root ::= [\\x2d] s1', 's1 ::= [\\x22] s2 | [^\\x0a\\x22\\x5c\\x5d] s1', 's2 ::= ""'].join('\n'),
    );
  });
});
