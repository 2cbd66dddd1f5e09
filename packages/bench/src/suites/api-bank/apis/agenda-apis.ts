import { type PyValue, pyEquals, pyInt, pyRaise, pyStrptime, pythonStr, truthy } from '@codeact/mint';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  getItem,
  runApi,
  success,
  unraisedException,
} from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { strStrip } from './str-methods.js';
import { contentTimeChecker, deleteChecker, record, userRecords } from './user-records.js';

const agendaParameters = ['token', 'content', 'time', 'location'];
const agenda = (context: ApiContext) => asDict(context.database('Agenda.json'));

/** The start of Delete/Modify/QueryAgenda: the time if given, the token, then the user's agenda item by content or time. */
function findAgenda(get: (name: string) => PyValue, context: ApiContext) {
  if (truthy(get('time'))) pyStrptime(get('time'), dateTimeFormat);
  const username = context.checkToken(get('token'));
  const database = agenda(context);
  const match = userRecords(database, username).find(
    ({ record }) =>
      pyEquals(getItem(record, 'content'), get('content')) || pyEquals(getItem(record, 'time'), get('time')),
  );
  return { username, database, match };
}

const addAgenda: ApiDefinition = {
  name: 'AddAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('time'), dateTimeFormat);
      if (strStrip(get('content')) === '') pyRaise('Content should not be null');
      const database = agenda(context);
      const id = pyInt(database.size + 1);
      const username = context.checkToken(get('token'));
      database.set(
        id,
        record(username, [
          ['content', get('content')],
          ['time', get('time')],
          ['location', get('location')],
        ]),
      );
      return success;
    });
  },
  check: contentTimeChecker({ lower: false, location: true }),
};

const deleteAgenda: ApiDefinition = {
  name: 'DeleteAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const { database, match } = findAgenda(get, context);
      if (match) {
        database.delete(match.key);
        return success;
      }
      if (truthy(get('content'))) pyRaise(`You have no meeting about ${pythonStr(get('content'))}`);
      if (truthy(get('time'))) pyRaise(`You have no meeting at time : ${pythonStr(get('time'))}`);
      return success;
    });
  },
  check: deleteChecker,
};

const modifyAgenda: ApiDefinition = {
  name: 'ModifyAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const { username, database, match } = findAgenda(get, context);
      if (match) {
        database.set(
          match.key,
          record(username, [
            ['content', get('content')],
            ['time', get('time')],
            ['location', get('location')],
          ]),
        );
        return success;
      }
      if (truthy(get('content'))) pyRaise(`You have no agenda about ${pythonStr(get('content'))}`);
      if (truthy(get('time'))) pyRaise(`You have no agenda at time : ${pythonStr(get('time'))}`);
      return unraisedException('Error');
    });
  },
  check: contentTimeChecker({ lower: false, location: true }),
};

const queryAgenda: ApiDefinition = {
  name: 'QueryAgenda',
  parameters: agendaParameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const { match } = findAgenda(get, context);
      if (match) return match.record;
      if (truthy(get('content'))) pyRaise(`You have no agenda about ${pythonStr(get('content'))}`);
      if (truthy(get('time'))) pyRaise(`You have no agenda at time : ${pythonStr(get('time'))}`);
      return pyRaise('Error');
    });
  },
  check: contentTimeChecker({ lower: false, location: true }),
};
export const agendaApis: readonly ApiDefinition[] = [addAgenda, deleteAgenda, modifyAgenda, queryAgenda];
