import { describe, expect, it } from 'vitest';
import { compareDateTimes, pyStrftime, pyStrptime } from './python-datetime.js';
import { PyException, pyInt } from './python-value.js';

describe('pyStrptime', () => {
  it('accepts one-digit fields and runs of whitespace like CPython', () => {
    const parsed = pyStrptime('2023-3-5   9:0:0', '%Y-%m-%d %H:%M:%S');
    expect(pyStrftime(parsed, '%Y-%m-%d %H:%M:%S')).toBe('2023-03-05 09:00:00');
  });

  it('rejects missing days, 2-digit years, leftovers, seconds above 59 and Feb 29 without a year', () => {
    for (const [text, format] of [
      ['2023-02-30', '%Y-%m-%d'],
      ['23-02-01', '%Y-%m-%d'],
      ['2023-02-01 ', '%Y-%m-%d'],
      ['2023-02-01 10:00:60', '%Y-%m-%d %H:%M:%S'],
      ['02-29', '%m-%d'],
    ] as const) {
      expect(() => pyStrptime(text, format), text).toThrow(PyException);
    }
    expect(pyStrftime(pyStrptime('2-9', '%m-%d'), '%Y-%m-%d')).toBe('1900-02-09');
  });

  it('takes a Python str and raises TypeError for anything else', () => {
    expect(pyStrptime({ type: 'str', value: '2023-01-02' }, '%Y-%m-%d').day).toBe(2);
    expect(() => pyStrptime(pyInt(2023), '%Y')).toThrow('strptime() argument 1 must be str, not int');
  });
});

describe('compareDateTimes', () => {
  it('orders datetimes field by field like Python <', () => {
    const earlier = pyStrptime('2023-03-31 23:59:59', '%Y-%m-%d %H:%M:%S');
    const later = pyStrptime('2023-04-01 00:00:00', '%Y-%m-%d %H:%M:%S');
    expect([compareDateTimes(earlier, later) < 0, compareDateTimes(later, earlier) > 0]).toEqual([true, true]);
    expect(compareDateTimes(earlier, { ...earlier })).toBe(0);
  });
});
