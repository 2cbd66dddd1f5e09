import { describe, expect, it } from 'vitest';
import { codePointLabel, hasInvisibleCharacters, splitInvisible } from './invisible-characters.js';

describe('splitInvisible', () => {
  it('splits out bidi overrides and isolates, keeping every character', () => {
    // The "Trojan Source" early return: displayed, the comment seems to end the line.
    const code = 'if access_level != "user\u202E \u2066# Check if admin\u2069 \u2066":';
    const segments = splitInvisible(code);
    expect(segments.map((segment) => segment.text).join('')).toBe(code);
    expect(segments.filter((segment) => segment.invisible).map((segment) => segment.codePoint)).toEqual([
      'U+202E',
      'U+2066',
      'U+2069',
      'U+2066',
    ]);
    expect(segments[1]).toMatchObject({ invisible: true, name: 'U+202E RIGHT-TO-LEFT OVERRIDE' });
  });

  it('finds zero-width, format, control and tag characters but not ordinary whitespace', () => {
    for (const char of ['\u200B', '\u200D', '\uFEFF', '\u00AD', '\u0000', '\u001B', '\u007F', '\u3164', '\u{E0041}'])
      expect(hasInvisibleCharacters(`a${char}b`), codePointLabel(char)).toBe(true);
    expect(hasInvisibleCharacters('def f(x):\n\treturn x\r\n# café ← ok: naïve façade 🙂')).toBe(false);
    expect(splitInvisible('plain')).toEqual([{ invisible: false, text: 'plain' }]);
  });

  it('labels astral code points whole', () => {
    expect(splitInvisible('\u{E0041}')).toEqual([
      { invisible: true, text: '\u{E0041}', codePoint: 'U+E0041', name: 'U+E0041' },
    ]);
  });
});
