import { type PyDateTime, PyException, type PyValue, pyStrftime, pyStrptime, pyZfill } from '@codeact/mint';
import { strStrip } from './str-methods.js';

/**
 * The shared `format_check` of many APIs: strip (raising for non-strings), left-pad a short year
 * with zeros, then parse. A failed parse is returned, not raised, as upstream does.
 */
export function parseNormalised(value: PyValue, format: string): PyDateTime | PyException {
  const parts = strStrip(value).split('-');
  if (parts.length === 3 && (parts[0] as string).length !== 4) parts[0] = pyZfill(parts[0] as string, 4);
  try {
    return pyStrptime(parts.join('-'), format);
  } catch (error) {
    if (error instanceof PyException) return error;
    throw error;
  }
}

/** `format_check` that re-formats the parsed value canonically (`strftime(format)`). */
export function formatCheck(value: PyValue, format: string): string | PyException {
  const parsed = parseNormalised(value, format);
  return parsed instanceof PyException ? parsed : pyStrftime(parsed, format);
}

/** Raises the error `formatCheck` returned, as `if isinstance(x, Exception): raise x` does. */
export function raiseIfError<T>(value: T | PyException): T {
  if (value instanceof PyException) throw value;
  return value;
}

export const dateTimeFormat = '%Y-%m-%d %H:%M:%S';
export const dateFormat = '%Y-%m-%d';
