import { pyStrptime } from '../python/py-datetime.js';
import { pyRaise } from '../python/py-exception.js';
import { pyStr } from '../python/py-str.js';
import { pyStrip } from '../python/py-string.js';
import { type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import { type ApiContext, type ApiDefinition, asDict, getItem, runApi } from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { contentTimeChecker, deleteChecker, record, type UserRecord, userRecords } from './user-records.js';

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

function findReminder(database: PyDict, username: string, get: (name: string) => PyValue): UserRecord | undefined {
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
export const reminderApis: readonly ApiDefinition[] = [addReminder, deleteReminder, modifyReminder, queryReminder];
