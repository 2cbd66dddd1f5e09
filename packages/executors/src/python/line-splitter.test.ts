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

describe('LineSplitter with a limit', () => {
  it('drops a line over its limit while reading it and keeps the lines around it', () => {
    const lines: string[] = [];
    const dropped: string[] = [];
    const limits: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), {
      maxLineBytes: (head) => {
        limits.push(head.slice(0, 12));
        return head.startsWith('{"big"') ? 100_000 : Number.POSITIVE_INFINITY;
      },
      onOversized: (head) => dropped.push(head.slice(0, 12)),
    });
    const big = `{"big":"${'x'.repeat(10 * 1024 * 1024)}"}`;
    const large = `{"fine":"${'y'.repeat(200_000)}"}`;
    const bytes = Buffer.from(`small\n${big}\n${large}\nafter\n`);
    let held = 0;
    for (let index = 0; index < bytes.length; index += 65_536) {
      splitter.push(bytes.subarray(index, index + 65_536));
      held = Math.max(held, (splitter as unknown as { pendingBytes: number }).pendingBytes);
    }
    expect(lines.map((line) => line.slice(0, 8))).toEqual(['small', '{"fine":', 'after']);
    expect(lines[1]).toBe(large);
    expect(dropped).toEqual(['{"big":"xxxx']);
    expect(held).toBeLessThan(300_000);
    expect(limits).toEqual(['{"big":"xxxx', '{"fine":"yyy']);
  });
});
