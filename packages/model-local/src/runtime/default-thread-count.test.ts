import { describe, expect, it } from 'vitest';
import { defaultThreadCount } from './default-thread-count.js';

describe('defaultThreadCount', () => {
  it('uses one thread up to 2 cores, then all cores but one, at most 8', () => {
    expect([1, 2, 3, 4, 8, 16, 64].map((cores) => defaultThreadCount(cores))).toEqual([1, 1, 2, 3, 7, 8, 8]);
  });
});
