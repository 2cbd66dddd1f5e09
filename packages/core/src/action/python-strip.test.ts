import { describe, expect, it } from 'vitest';
import { pythonLstrip, pythonRstrip, pythonStrip, pythonStripChars } from './python-strip.js';

describe('Python strip', () => {
  it("removes exactly str.isspace() characters, unlike JavaScript's trim()", () => {
    expect(pythonStrip('\u001c\u0085 x \u3000\n')).toBe('x');
    expect(pythonStrip('\ufeffx\ufeff')).toBe('\ufeffx\ufeff');
    expect(pythonLstrip('  x  ')).toBe('x  ');
    expect(pythonRstrip('  x  ')).toBe('  x');
  });

  it('strips any of the given characters, by code point', () => {
    expect(pythonStripChars('"\'x\'"', '"\'')).toBe('x');
    expect(pythonStripChars('😀x😀', '😀')).toBe('x');
    expect(pythonStripChars('xyx', 'xy')).toBe('');
  });
});
