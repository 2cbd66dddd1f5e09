import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutputChunk } from './executor.js';
import { createOutputBatcher } from './output-batcher.js';

describe('createOutputBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins writes of one stream and delivers them after the interval', () => {
    const chunks: OutputChunk[] = [];
    const batcher = createOutputBatcher((chunk) => chunks.push(chunk), { intervalMs: 50 });
    batcher.push('stdout', 'a');
    batcher.push('stdout', 'b\n');
    vi.advanceTimersByTime(49);
    expect(chunks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(chunks).toEqual([{ stream: 'stdout', text: 'ab\n' }]);
  });

  it('delivers at once when the queue reaches its size limit', () => {
    const chunks: OutputChunk[] = [];
    const batcher = createOutputBatcher((chunk) => chunks.push(chunk), { maxBytes: 4 });
    batcher.push('stdout', 'ab');
    batcher.push('stdout', 'cd');
    expect(chunks).toEqual([{ stream: 'stdout', text: 'abcd' }]);
  });

  it('keeps the order across streams', () => {
    const chunks: OutputChunk[] = [];
    const batcher = createOutputBatcher((chunk) => chunks.push(chunk));
    batcher.push('stdout', 'one ');
    batcher.push('stderr', 'two ');
    batcher.push('stdout', 'three');
    batcher.flush();
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'one ' },
      { stream: 'stderr', text: 'two ' },
      { stream: 'stdout', text: 'three' },
    ]);
    vi.advanceTimersByTime(100);
    expect(chunks).toHaveLength(3);
  });

  it('survives a listener that throws', () => {
    const seen: string[] = [];
    const batcher = createOutputBatcher((chunk) => {
      seen.push(chunk.text);
      throw new Error('listener failed');
    });
    batcher.push('stdout', 'x');
    batcher.flush();
    batcher.push('stdout', 'y');
    batcher.flush();
    expect(seen).toEqual(['x', 'y']);
  });
});
