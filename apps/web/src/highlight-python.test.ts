import { describe, expect, it } from 'vitest';
import { highlightPython } from './highlight-python.js';

describe('highlightPython', () => {
  it('classifies keywords, builtins, strings, numbers, comments and calls', () => {
    const tokens = highlightPython("import pandas as pd  # load\ndf = pd.read_csv('a.csv')\nprint(len(df) * 2.5)");
    const kinds = tokens
      .filter((token) => token.kind !== 'text' && token.kind !== 'operator')
      .map((token) => [token.kind, token.text]);
    expect(kinds).toEqual([
      ['keyword', 'import'],
      ['keyword', 'as'],
      ['comment', '# load'],
      ['function', 'read_csv'],
      ['string', "'a.csv'"],
      ['builtin', 'print'],
      ['builtin', 'len'],
      ['number', '2.5'],
    ]);
  });

  it('keeps every character, including unterminated strings and triple quotes', () => {
    for (const code of ['s = """multi\nline"""\nx = 1', "broken = 'no end\nnext = f(1)", 'a = 0x1F + 1e-3j # c']) {
      expect(
        highlightPython(code)
          .map((token) => token.text)
          .join(''),
      ).toBe(code);
    }
  });
});
