import { type PyDict, type PyValue, pyEquals, pyRaise, pyStr, pyStrptime, pythonStr } from '@codeact/mint';
import { type ApiContext, type ApiDefinition, asDict, getItem, runApi, success } from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { strStrip } from './str-methods.js';
import { contentTimeChecker, deleteChecker, record, type UserRecord, userRecords } from './user-records.js';

const reminderParameters = ['token', 'content', 'time'];
const reminder = (context: ApiContext) => asDict(context.database('Reminder.json'));
const noReminder = (get: (name: string) => PyValue) =>
  pyRaise(`You have no reminder about ${pythonStr(get('content'))} or at time : ${pythonStr(get('time'))}`);

/**
 * The start of Delete/Modify/QueryReminder: a valid time, non-empty content and the token, then the
 * user's reminder with that content or time (raising when there is none).
 */
function findReminder(get: (name: string) => PyValue, context: ApiContext): { database: PyDict; match: UserRecord } {
  pyStrptime(get('time'), dateTimeFormat);
  if (strStrip(get('content')) === '') pyRaise('Content should not be null');
  const username = context.checkToken(get('token'));
  const database = reminder(context);
  const match = userRecords(database, username).find(
    ({ record }) =>
      pyEquals(getItem(record, 'content'), get('content')) || pyEquals(getItem(record, 'time'), get('time')),
  );
  return match ? { database, match } : noReminder(get);
}

const addReminder: ApiDefinition = {
  name: 'AddReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      if (strStrip(get('content')) === '') pyRaise('Content should not be null');
      const database = reminder(context);
      const id = database.size === 0 ? 0 : Math.max(...[...database.keys()].map(intOfKey)) + 1;
      const username = context.checkToken(get('token'));
      database.set(
        pyStr(String(id)),
        record(username, [
          ['content', get('content')],
          ['time', get('time')],
        ]),
      );
      return success;
    });
  },
  check: contentTimeChecker({ lower: true, location: false }),
};

/** `int(key)` for database keys. */
function intOfKey(key: PyValue): number {
  if (key.type === 'int') return Number(key.value);
  const text = pythonStr(key);
  if (!/^\s*[-+]?\d+\s*$/.test(text)) pyRaise(`invalid literal for int() with base 10: '${text}'`, 'ValueError');
  return Number.parseInt(text, 10);
}

const deleteReminder: ApiDefinition = {
  name: 'DeleteReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const { database, match } = findReminder(get, context);
      database.delete(match.key);
      return success;
    });
  },
  check: deleteChecker,
};

const modifyReminder: ApiDefinition = {
  name: 'ModifyReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const { match } = findReminder(get, context);
      match.record.set('content', get('content'));
      match.record.set('time', get('time'));
      return success;
    });
  },
  check: contentTimeChecker({ lower: true, location: false }),
};

const queryReminder: ApiDefinition = {
  name: 'QueryReminder',
  parameters: reminderParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      return findReminder(get, context).match.record;
    });
  },
  check: contentTimeChecker({ lower: true, location: false }),
};
export const reminderApis: readonly ApiDefinition[] = [addReminder, deleteReminder, modifyReminder, queryReminder];
