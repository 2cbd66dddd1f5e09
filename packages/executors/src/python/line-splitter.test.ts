import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('joins lines split across chunks, including multi-byte characters', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('first\nsnow ☃ man\n\nlast', 'utf8');
    for (let index = 0; index < bytes.length; index += 3) splitter.push(bytes.subarray(index, index + 3));
    splitter.push(Buffer.from('\n'));
    expect(lines).toEqual(['first', 'snow ☃ man', '', 'last']);
  });
});
