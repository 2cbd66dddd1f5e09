/**
 * Characters that change how code reads without being seen: bidirectional overrides and isolates
 * (the "Trojan Source" attack), zero-width characters, other format and control characters, and
 * Unicode tag characters. Tab, line feed and carriage return are ordinary whitespace and not listed.
 */
const ranges: readonly (readonly [number, number])[] = [
  [0x0000, 0x0008],
  [0x000b, 0x000c],
  [0x000e, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];

function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return ranges.some(([low, high]) => code >= low && code <= high);
}

const names: Readonly<Record<number, string>> = {
  173: 'SOFT HYPHEN',
  1564: 'ARABIC LETTER MARK',
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  12644: 'HANGUL FILLER',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
};

/** A run of ordinary text, or one invisible character to be shown by its code point. */
export type TextSegment =
  | { readonly invisible: false; readonly text: string }
  | { readonly invisible: true; readonly text: string; readonly codePoint: string; readonly name: string };

/** `U+202E`: the code point of the (first) character of `char`, as code hosts print it. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function hasInvisibleCharacters(text: string): boolean {
  for (const char of text) if (isInvisible(char)) return true;
  return false;
}

/** Splits text into ordinary runs and single invisible characters; joined, the texts equal the input. */
export function splitInvisible(text: string): TextSegment[] {
  if (!hasInvisibleCharacters(text)) return [{ invisible: false, text }];
  const segments: TextSegment[] = [];
  let run = '';
  for (const char of text) {
    if (!isInvisible(char)) {
      run += char;
      continue;
    }
    if (run) segments.push({ invisible: false, text: run });
    run = '';
    const codePoint = codePointLabel(char);
    const name = names[char.codePointAt(0) ?? 0];
    segments.push({ invisible: true, text: char, codePoint, name: name ? `${codePoint} ${name}` : codePoint });
  }
  if (run) segments.push({ invisible: false, text: run });
  return segments;
}
