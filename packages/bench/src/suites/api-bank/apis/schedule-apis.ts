import { pyStrptime } from '../python/py-datetime.js';
import { pyRaise } from '../python/py-exception.js';
import { pyStr } from '../python/py-str.js';
import { pyStrip } from '../python/py-string.js';
import { isDict, type PyDict, PyOpaque, type PyValue, pyEquals } from '../python/py-value.js';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  contentSimilar,
  fullEquality,
  getItem,
  outputAndException,
  path,
  runApi,
  truthy,
} from './api-definition.js';
import { dateTimeFormat } from './format-check.js';

/** Agenda, alarm and reminder APIs: per-user records keyed by id, found by content or time. */

type Record = { key: string | number; record: PyDict };

function userRecords(database: PyDict, username: string): Record[] {
  const records: Record[] = [];
  for (const [key, record] of database) {
    if (pyEquals(getItem(record, 'username'), username) && isDict(record)) records.push({ key, record });
  }
  return records;
}

function record(entries: [string, PyValue][]): PyDict {
  return new Map(entries);
}

/** `if content.split(...)`-style checkers keyed on `content`, `time` and optionally `location`. */
function contentTimeChecker(options: { lower: boolean; location: boolean }): ApiDefinition['check'] {
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
function deleteChecker(response: PyDict, groundTruth: PyDict): boolean {
  if (pyEquals(path(groundTruth, 'output'), 'success') && pyEquals(path(response, 'output'), 'success')) {
    return pyEquals(path(response, 'input', 'time'), path(groundTruth, 'input', 'time'));
  }
  return outputAndException(response, groundTruth);
}

const agendaParameters = ['token', 'content', 'time', 'location'];
const agenda = (context: ApiContext) => asDict(context.database('Agenda.json'));

const addAgenda: ApiDefinition = {
  name: 'AddAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      if (pyStrip(get('content')) === '') pyRaise('Content should not be null');
      const database = agenda(context);
      const id = database.size + 1;
      const username = context.checkToken(get('token'));
      database.set(
        id,
        record([
          ['username', username],
          ['content', get('content')],
          ['time', get('time')],
          ['location', get('location')],
        ]),
      );
      return 'success';
    });
  },
  check: contentTimeChecker({ lower: false, location: true }),
};

const deleteAgenda: ApiDefinition = {
  name: 'DeleteAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      if (truthy(get('time'))) pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const database = agenda(context);
      const match = userRecords(database, username).find(
        ({ record }) =>
          pyEquals(getItem(record, 'content'), get('content')) || pyEquals(getItem(record, 'time'), get('time')),
      );
      if (match) {
        database.delete(match.key);
        return 'success';
      }
      if (truthy(get('content'))) pyRaise(`You have no meeting about ${pyStr(get('content'))}`);
      if (truthy(get('time'))) pyRaise(`You have no meeting at time : ${pyStr(get('time'))}`);
      return 'success';
    });
  },
  check: deleteChecker,
};

const modifyAgenda: ApiDefinition = {
  name: 'ModifyAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      if (truthy(get('time'))) pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const database = agenda(context);
      const match = userRecords(database, username).find(
        ({ record }) =>
          pyEquals(getItem(record, 'content'), get('content')) || pyEquals(getItem(record, 'time'), get('time')),
      );
      if (match) {
        database.set(
          match.key,
          record([
            ['username', username],
            ['content', get('content')],
            ['time', get('time')],
            ['location', get('location')],
          ]),
        );
        return 'success';
      }
      if (truthy(get('content'))) pyRaise(`You have no agenda about ${pyStr(get('content'))}`);
      if (truthy(get('time'))) pyRaise(`You have no agenda at time : ${pyStr(get('time'))}`);
      return new PyOpaque("Exception('Error')", 'Error');
    });
  },
  check: contentTimeChecker({ lower: false, location: true }),
};

const queryAgenda: ApiDefinition = {
  name: 'QueryAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      if (truthy(get('time'))) pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const match = userRecords(agenda(context), username).find(
        ({ record }) =>
          pyEquals(getItem(record, 'content'), get('content')) || pyEquals(getItem(record, 'time'), get('time')),
      );
      if (match) return match.record;
      if (truthy(get('content'))) pyRaise(`You have no agenda about ${pyStr(get('content'))}`);
      if (truthy(get('time'))) pyRaise(`You have no agenda at time : ${pyStr(get('time'))}`);
      return pyRaise('Error');
    });
  },
  check: contentTimeChecker({ lower: false, location: true }),
};

const alarm = (context: ApiContext) => asDict(context.database('Alarm.json'));

const addAlarm: ApiDefinition = {
  name: 'AddAlarm',
  parameters: ['token', 'time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const database = alarm(context);
      database.set(
        database.size + 1,
        record([
          ['username', username],
          ['time', get('time')],
        ]),
      );
      return 'success';
    });
  },
  check: fullEquality,
};

const deleteAlarm: ApiDefinition = {
  name: 'DeleteAlarm',
  parameters: ['token', 'time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const database = alarm(context);
      const match = userRecords(database, username).find(({ record }) =>
        pyEquals(getItem(record, 'time'), get('time')),
      );
      if (match) {
        database.delete(match.key);
        return 'success';
      }
      if (truthy(get('time'))) pyRaise(`You have no alarm clock at time : ${pyStr(get('time'))}`);
      return 'success';
    });
  },
  check: fullEquality,
};

const modifyAlarm: ApiDefinition = {
  name: 'ModifyAlarm',
  parameters: ['token', 'from_time', 'to_time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('from_time'), dateTimeFormat);
      pyStrptime(get('to_time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const database = alarm(context);
      const match = userRecords(database, username).find(({ record }) =>
        pyEquals(getItem(record, 'time'), get('from_time')),
      );
      if (!match) return pyRaise(`You have no agenda at time : ${pyStr(get('from_time'))}`);
      database.set(
        match.key,
        record([
          ['username', username],
          ['time', get('to_time')],
        ]),
      );
      return 'success';
    });
  },
  check: fullEquality,
};

const queryAlarm: ApiDefinition = {
  name: 'QueryAlarm',
  parameters: ['token', 'time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const match = userRecords(alarm(context), username).find(({ record }) =>
        pyEquals(getItem(record, 'time'), get('time')),
      );
      if (!match) return pyRaise(`You have no alarm clock at time : ${pyStr(get('time'))}`);
      return match.record;
    });
  },
  check: fullEquality,
};

const reminderParameters = ['token', 'content', 'time'];
const reminder = (context: ApiContext) => asDict(context.database('Reminder.json'));
const noReminder = (get: (name: string) => PyValue) =>
  pyRaise(`You have no reminder about ${pyStr(get('content'))} or at time : ${pyStr(get('time'))}`);

/** Checks shared by the reminder APIs: valid time, non-empty content, then the token. */
function reminderPreamble(get: (name: string) => PyValue, context: ApiContext): string {
  pyStrptime(get('time'), dateTimeFormat);
  if (pyStrip(get('content')) === '') pyRaise('Content should not be null');
  return context.checkToken(get('token'));
}

function findReminder(database: PyDict, username: string, get: (name: string) => PyValue): Record | undefined {
  return userRecords(database, username).find(
    ({ record }) =>
      pyEquals(getItem(record, 'content'), get('content')) || pyEquals(getItem(record, 'time'), get('time')),
  );
}

const addReminder: ApiDefinition = {
  name: 'AddReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      if (pyStrip(get('content')) === '') pyRaise('Content should not be null');
      const database = reminder(context);
      const id = database.size === 0 ? 0 : Math.max(...[...database.keys()].map(pyInt)) + 1;
      const username = context.checkToken(get('token'));
      database.set(
        String(id),
        record([
          ['username', username],
          ['content', get('content')],
          ['time', get('time')],
        ]),
      );
      return 'success';
    });
  },
  check: contentTimeChecker({ lower: true, location: false }),
};

/** `int(key)` for database keys. */
function pyInt(key: string | number): number {
  if (typeof key === 'number') return key;
  if (!/^\s*[-+]?\d+\s*$/.test(key)) pyRaise(`invalid literal for int() with base 10: '${key}'`, 'ValueError');
  return Number.parseInt(key, 10);
}

const deleteReminder: ApiDefinition = {
  name: 'DeleteReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = reminderPreamble(get, context);
      const database = reminder(context);
      const match = findReminder(database, username, get);
      if (!match) return noReminder(get);
      database.delete(match.key);
      return 'success';
    });
  },
  check: deleteChecker,
};

const modifyReminder: ApiDefinition = {
  name: 'ModifyReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = reminderPreamble(get, context);
      const match = findReminder(reminder(context), username, get);
      if (!match) return noReminder(get);
      match.record.set('content', get('content'));
      match.record.set('time', get('time'));
      return 'success';
    });
  },
  check: contentTimeChecker({ lower: true, location: false }),
};

const queryReminder: ApiDefinition = {
  name: 'QueryReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = reminderPreamble(get, context);
      const match = findReminder(reminder(context), username, get);
      if (!match) return noReminder(get);
      return match.record;
    });
  },
  check: contentTimeChecker({ lower: true, location: false }),
};

export const scheduleApis: readonly ApiDefinition[] = [
  addAgenda,
  deleteAgenda,
  modifyAgenda,
  queryAgenda,
  addAlarm,
  deleteAlarm,
  modifyAlarm,
  queryAlarm,
  addReminder,
  deleteReminder,
  modifyReminder,
  queryReminder,
];
