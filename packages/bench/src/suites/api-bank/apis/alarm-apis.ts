import { pyStrptime } from '../python/py-datetime.js';
import { pyRaise } from '../python/py-exception.js';
import { pyStr } from '../python/py-str.js';
import { pyEquals } from '../python/py-value.js';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  fullEquality,
  getItem,
  runApi,
  truthy,
} from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { record, userRecords } from './user-records.js';

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
export const alarmApis: readonly ApiDefinition[] = [addAlarm, deleteAlarm, modifyAlarm, queryAlarm];
