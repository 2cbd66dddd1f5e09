import { pyStrptime } from '../python/py-datetime.js';
import { pyRaise } from '../python/py-exception.js';
import { pyStr } from '../python/py-str.js';
import { pyStrip } from '../python/py-string.js';
import { PyOpaque, pyEquals } from '../python/py-value.js';
import { type ApiContext, type ApiDefinition, asDict, getItem, runApi, truthy } from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { contentTimeChecker, deleteChecker, record, userRecords } from './user-records.js';

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
export const agendaApis: readonly ApiDefinition[] = [addAgenda, deleteAgenda, modifyAgenda, queryAgenda];
