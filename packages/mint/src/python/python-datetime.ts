import { PyException, type PyValue, typeName } from './python-value.js';

/** A `datetime.datetime` without time zone or microseconds, as API-Bank's tools use it. */
export type PyDateTime = {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
};

/** The regex fragments of CPython's `_strptime` for the directives API-Bank uses. */
const directives: Record<string, string> = {
  Y: '(\\d\\d\\d\\d)',
  m: '(1[0-2]|0[1-9]|[1-9])',
  d: '(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])',
  H: '(2[0-3]|[0-1]\\d|\\d)',
  M: '([0-5]\\d|\\d)',
  S: '(6[0-1]|[0-5]\\d|\\d)',
};

const patternCache = new Map<string, { regex: RegExp; fields: string[] }>();

function compile(format: string): { regex: RegExp; fields: string[] } {
  const cached = patternCache.get(format);
  if (cached) return cached;
  const fields: string[] = [];
  let source = '';
  for (let index = 0; index < format.length; index++) {
    const char = format[index] as string;
    if (char === '%') {
      const directive = format[++index] as string;
      const fragment = directives[directive];
      if (!fragment) throw new Error(`Unsupported strptime directive %${directive}`);
      fields.push(directive);
      source += fragment;
    } else if (/\s/.test(char)) {
      while (/\s/.test(format[index + 1] ?? '')) index++;
      source += '\\s+';
    } else {
      source += char.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    }
  }
  const compiled = { regex: new RegExp(`^(?:${source})`, 'i'), fields };
  patternCache.set(format, compiled);
  return compiled;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Python `datetime.datetime.strptime(value, format)`; a missing year is 1900, as in Python. */
export function pyStrptime(value: PyValue | string, format: string): PyDateTime {
  if (typeof value !== 'string' && value.type !== 'str') {
    throw new PyException('TypeError', `strptime() argument 1 must be str, not ${typeName(value)}`);
  }
  const text = typeof value === 'string' ? value : value.value;
  const { regex, fields } = compile(format);
  const match = regex.exec(text);
  if (!match) {
    throw new PyException('ValueError', `time data ${JSON.stringify(text)} does not match format '${format}'`);
  }
  if (match[0].length !== text.length) {
    throw new PyException('ValueError', `unconverted data remains: ${text.slice(match[0].length)}`);
  }
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  fields.forEach((field, index) => {
    parts[field] = Number((match[index + 1] as string).trim());
  });
  const result = {
    year: parts.Y as number,
    month: parts.m as number,
    day: parts.d as number,
    hour: parts.H as number,
    minute: parts.M as number,
    second: parts.S as number,
  };
  if (result.year < 1) throw new PyException('ValueError', `year ${result.year} is out of range`);
  if (result.day > daysInMonth(result.year, result.month)) {
    throw new PyException('ValueError', 'day is out of range for month');
  }
  if (result.second > 59) throw new PyException('ValueError', 'second must be in 0..59');
  return result;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Python `datetime.strftime` for `%Y %m %d %H %M %S` (glibc leaves years below 1000 unpadded). */
export function pyStrftime(value: PyDateTime, format: string): string {
  return format.replace(/%([YmdHMS])/g, (_, directive: string) => {
    switch (directive) {
      case 'Y':
        return String(value.year);
      case 'm':
        return pad(value.month);
      case 'd':
        return pad(value.day);
      case 'H':
        return pad(value.hour);
      case 'M':
        return pad(value.minute);
      default:
        return pad(value.second);
    }
  });
}

/** Orders two datetimes like Python's `<`. */
export function compareDateTimes(a: PyDateTime, b: PyDateTime): number {
  const keys = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
  for (const key of keys) if (a[key] !== b[key]) return a[key] - b[key];
  return 0;
}
