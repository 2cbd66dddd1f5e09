import { describe, expect, it } from 'vitest';
import { summarize } from './stats.js';

describe('summarize', () => {
  it('uses nearest-rank median and p99', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(summarize(samples)).toEqual({ n: 100, median: 50, p99: 99, min: 1, max: 100 });
    expect(summarize([3]).median).toBe(3);
  });
});
