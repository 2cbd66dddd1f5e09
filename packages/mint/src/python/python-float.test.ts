import { describe, expect, it } from 'vitest';
import { parsePythonFloat } from './python-float.js';
import { pyIsDigit, pyLength, pyStrip } from './python-string.js';

describe('parsePythonFloat', () => {
  it('accepts what float() accepts', () => {
    expect(parsePythonFloat(' 1_000.5\n')).toBe(1000.5);
    expect(parsePythonFloat('1e3')).toBe(1000);
    expect(parsePythonFloat('.5')).toBe(0.5);
    expect(parsePythonFloat('5.')).toBe(5);
    expect(parsePythonFloat('-InFiNiTy')).toBe(Number.NEGATIVE_INFINITY);
    expect(parsePythonFloat('nan')).toBeNaN();
    expect(parsePythonFloat('١٢')).toBe(12);
  });

  it('rejects what float() rejects, unlike Number()', () => {
    for (const text of ['', ' ', '0x10', '1_', '_1', '1__0', '1e', '1,000', '6 / 2', '1.5j', 'e5']) {
      expect(parsePythonFloat(text), text).toBeUndefined();
    }
  });
});

describe('Python string helpers', () => {
  it('strip Python whitespace, count code points and know isdigit', () => {
    expect(pyStrip('\x1c a \x85')).toBe('a');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa');
    expect(pyLength('😀a')).toBe(2);
    expect(pyIsDigit('²')).toBe(true);
    expect(pyIsDigit('12')).toBe(true);
    expect(pyIsDigit('1.2')).toBe(false);
    expect(pyIsDigit('')).toBe(false);
  });
});
