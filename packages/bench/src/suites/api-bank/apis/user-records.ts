import { isDict, type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import { type ApiDefinition, contentSimilar, getItem, outputAndException, path } from './api-definition.js';

/** Helpers of the agenda, alarm and reminder APIs: per-user records keyed by id, found by content or time. */

/** Agenda, alarm and reminder APIs: per-user records keyed by id, found by content or time. */

export type UserRecord = { key: string | number; record: PyDict };

export function userRecords(database: PyDict, username: string): UserRecord[] {
  const records: UserRecord[] = [];
  for (const [key, record] of database) {
    if (pyEquals(getItem(record, 'username'), username) && isDict(record)) records.push({ key, record });
  }
  return records;
}

export function record(entries: [string, PyValue][]): PyDict {
  return new Map(entries);
}

/** `if content.split(...)`-style checkers keyed on `content`, `time` and optionally `location`. */
export function contentTimeChecker(options: { lower: boolean; location: boolean }): ApiDefinition['check'] {
  return (response, groundTruth) => {
    const similar = contentSimilar(path(response, 'input', 'content'), path(groundTruth, 'input', 'content'), {
      lower: options.lower,
    });
    return (
      similar &&
      pyEquals(path(response, 'input', 'time'), path(groundTruth, 'input', 'time')) &&
      (!options.location || pyEquals(path(response, 'input', 'location'), path(groundTruth, 'input', 'location'))) &&
      outputAndException(response, groundTruth)
    );
  };
}

/** Delete checkers: when both succeed only the time is compared. */
export function deleteChecker(response: PyDict, groundTruth: PyDict): boolean {
  if (pyEquals(path(groundTruth, 'output'), 'success') && pyEquals(path(response, 'output'), 'success')) {
    return pyEquals(path(response, 'input', 'time'), path(groundTruth, 'input', 'time'));
  }
  return outputAndException(response, groundTruth);
}
