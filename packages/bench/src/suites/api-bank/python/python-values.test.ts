import { describe, expect, it } from 'vitest';
import { pyStrftime, pyStrptime } from './py-datetime.js';
import { PyException } from './py-exception.js';
import { pyJsonDumps, pyJsonLoads } from './py-json.js';
import { pyFloatRepr, pyRepr, pyStr } from './py-str.js';
import { PyFloat, pyEquals } from './py-value.js';

describe('pyStr', () => {
  it('renders containers as Python does, choosing double quotes only for text with \' and no "', () => {
    const value = pyJsonLoads('{"a": [1, 2.0, null, true], "b": "Rome\'s", "c": "say \\"hi\\" it\'s", "d": "x\\ny"}');
    expect(pyStr(value)).toBe(`{'a': [1, 2.0, None, True], 'b': "Rome's", 'c': 'say "hi" it\\'s', 'd': 'x\\ny'}`);
    expect(pyStr('top level')).toBe('top level');
    expect(pyRepr('\u0007\u00e9\u00a0\u{1f600}')).toBe("'\\x07é\\xa0😀'");
  });

  it('writes floats with repr: .0 for integral values, exponents outside [1e-4, 1e16)', () => {
    expect([6, 2739.25, 1e16, 1.5e16, 1e-5, 0.0001, 123456789012345.6, -0].map(pyFloatRepr)).toEqual([
      '6.0',
      '2739.25',
      '1e+16',
      '1.5e+16',
      '1e-05',
      '0.0001',
      '123456789012345.6',
      '-0.0',
    ]);
  });
});

describe('pyJsonLoads and pyJsonDumps', () => {
  it('keeps key order, integer-like keys included, and tells ints from floats', () => {
    const value = pyJsonLoads('{"23456789": 1, "12345678": 2.50, "x": -0.0}');
    expect(pyJsonDumps(value)).toBe('{"23456789": 1, "12345678": 2.5, "x": -0.0}');
  });

  it('escapes non-ASCII text like ensure_ascii', () => {
    expect(pyJsonDumps(pyJsonLoads('["caf\\u00e9 \\ud83d\\ude00", "\\u007f"]'))).toBe(
      '["caf\\u00e9 \\ud83d\\ude00", "\\u007f"]',
    );
  });

  it('rejects what Python rejects', () => {
    for (const text of ["{'a': 1}", '{"a": 1,}', '[1] x', '"\t"', '01']) {
      expect(() => pyJsonLoads(text), text).toThrow();
    }
  });
});

describe('pyEquals', () => {
  it('compares like Python ==', () => {
    expect(pyEquals(1, new PyFloat(1))).toBe(true);
    expect(pyEquals(true, 1)).toBe(true);
    expect(pyEquals('1', 1)).toBe(false);
    expect(pyEquals(pyJsonLoads('{"a": 1, "b": [1]}'), pyJsonLoads('{"b": [1.0], "a": true}'))).toBe(true);
    expect(pyEquals(new Map([[1, 'x']]), new Map([['1', 'x']]))).toBe(false);
  });
});

describe('pyStrptime', () => {
  it('accepts one-digit fields and runs of whitespace like CPython', () => {
    const parsed = pyStrptime('2023-3-5   9:0:0', '%Y-%m-%d %H:%M:%S');
    expect(pyStrftime(parsed, '%Y-%m-%d %H:%M:%S')).toBe('2023-03-05 09:00:00');
  });

  it('rejects missing days, 2-digit years, leftovers, seconds above 59 and Feb 29 without a year', () => {
    for (const [text, format] of [
      ['2023-02-30', '%Y-%m-%d'],
      ['23-02-01', '%Y-%m-%d'],
      ['2023-02-01 ', '%Y-%m-%d'],
      ['2023-02-01 10:00:60', '%Y-%m-%d %H:%M:%S'],
      ['02-29', '%m-%d'],
    ] as const) {
      expect(() => pyStrptime(text, format), text).toThrow(PyException);
    }
    expect(pyStrftime(pyStrptime('2-9', '%m-%d'), '%Y-%m-%d')).toBe('1900-02-09');
  });
});
