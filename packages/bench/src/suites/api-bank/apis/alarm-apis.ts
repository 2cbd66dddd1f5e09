import { type PyValue, pyEquals, pyInt, pyRaise, pyStrptime, pythonStr, truthy } from '@codeact/mint';
import { fullEquality } from './api-checks.js';
import { type ApiContext, type ApiDefinition, asDict, getItem, runApi, success } from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { record, userRecords } from './user-records.js';

const alarm = (context: ApiContext) => asDict(context.database('Alarm.json'));

/** The token's user and their alarm at the time in parameter `time`. */
function findAlarm(get: (name: string) => PyValue, context: ApiContext, time: string) {
  const username = context.checkToken(get('token'));
  const database = alarm(context);
  const match = userRecords(database, username).find(({ record }) => pyEquals(getItem(record, 'time'), get(time)));
  return { username, database, match };
}

const addAlarm: ApiDefinition = {
  name: 'AddAlarm',
  parameters: ['token', 'time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      const username = context.checkToken(get('token'));
      const database = alarm(context);
      database.set(pyInt(database.size + 1), record(username, [['time', get('time')]]));
      return success;
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
      const { database, match } = findAlarm(get, context, 'time');
      if (match) {
        database.delete(match.key);
        return success;
      }
      if (truthy(get('time'))) pyRaise(`You have no alarm clock at time : ${pythonStr(get('time'))}`);
      return success;
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
      const { username, database, match } = findAlarm(get, context, 'from_time');
      if (!match) return pyRaise(`You have no agenda at time : ${pythonStr(get('from_time'))}`);
      database.set(match.key, record(username, [['time', get('to_time')]]));
      return success;
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
      const { match } = findAlarm(get, context, 'time');
      if (!match) return pyRaise(`You have no alarm clock at time : ${pythonStr(get('time'))}`);
      return match.record;
    });
  },
  check: fullEquality,
};
export const alarmApis: readonly ApiDefinition[] = [addAlarm, deleteAlarm, modifyAlarm, queryAlarm];
