import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay-ms.js';

describe('retryDelayMs', () => {
  it('doubles from the initial delay', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, {}, undefined))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2].map((retry) => retryDelayMs(retry, { initialDelayMs: 50 }, undefined))).toEqual([50, 100]);
  });

  it('never exceeds maxDelayMs', () => {
    expect(retryDelayMs(10, {}, undefined)).toBe(30_000);
    expect(retryDelayMs(1, { maxDelayMs: 500 }, { 'retry-after': '120' })).toBe(500);
  });

  it('follows retry-after-ms, retry-after seconds and retry-after dates', () => {
    expect(retryDelayMs(1, {}, { 'Retry-After-Ms': '250' })).toBe(250);
    expect(retryDelayMs(3, {}, { 'retry-after': '1.5' })).toBe(1500);
    const now = () => Date.parse('2025-09-30T12:00:00Z');
    expect(retryDelayMs(1, {}, { 'retry-after': 'Tue, 30 Sep 2025 12:00:07 GMT' }, now)).toBe(7000);
  });

  it('ignores an unreadable retry-after and never waits a negative time', () => {
    expect(retryDelayMs(2, {}, { 'retry-after': 'soon' })).toBe(2000);
    expect(retryDelayMs(1, {}, { 'retry-after': '-3' })).toBe(0);
  });
});
