import { describe, expect, it } from 'vitest';
import { matchesTaskFilter } from './task-filter.js';

describe('matchesTaskFilter', () => {
  it('matches whole ids with * and ? and comma-separated alternatives', () => {
    expect(matchesTaskFilter('web_browsing/price_of_legendary_wand', 'web_browsing/*')).toBe(true);
    expect(matchesTaskFilter('web_browsing/price_of_legendary_wand', 'web_browsing')).toBe(false);
    expect(matchesTaskFilter('trade_calculator/x', 'web_browsing/*, trade_*')).toBe(true);
    expect(matchesTaskFilter('a/b1', 'a/b?')).toBe(true);
    expect(matchesTaskFilter('a/b12', 'a/b?')).toBe(false);
  });

  it('treats regex characters literally and an empty filter as everything', () => {
    expect(matchesTaskFilter('a.b', 'a.b')).toBe(true);
    expect(matchesTaskFilter('axb', 'a.b')).toBe(false);
    expect(matchesTaskFilter('anything', undefined)).toBe(true);
    expect(matchesTaskFilter('anything', ' ')).toBe(true);
  });
});
