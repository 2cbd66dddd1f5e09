import { PyDict, type PyValue, pyEquals, pyStr } from '@codeact/mint';
import { contentSimilar, outputAndException } from './api-checks.js';
import { type ApiDefinition, getItem, path, success } from './api-definition.js';

/** Agenda, alarm and reminder APIs: per-user records keyed by id, found by content or time. */

export type UserRecord = { key: PyValue; record: PyDict };

export function userRecords(database: PyDict, username: string): UserRecord[] {
  const records: UserRecord[] = [];
  const owner = pyStr(username);
  for (const [key, record] of database) {
    if (pyEquals(getItem(record, 'username'), owner) && record.type === 'dict') records.push({ key, record });
  }
  return records;
}

/** A record dict owned by `username`, with the given fields after it. */
export function record(username: string, entries: [string, PyValue][]): PyDict {
  return new PyDict([['username', pyStr(username)], ...entries]);
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
  if (pyEquals(path(groundTruth, 'output'), success) && pyEquals(path(response, 'output'), success)) {
    return pyEquals(path(response, 'input', 'time'), path(groundTruth, 'input', 'time'));
  }
  return outputAndException(response, groundTruth);
}
