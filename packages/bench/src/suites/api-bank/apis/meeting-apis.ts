import { PyDict, type PyValue, pyEquals, pyRaise, pyStr, pyStrptime, pythonStr, truthy } from '@codeact/mint';
import { contentSimilar, outputAndException } from './api-checks.js';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  getItem,
  path,
  runApi,
  success,
  unraisedException,
} from './api-definition.js';
import { dateTimeFormat } from './format-check.js';
import { strStrip } from './str-methods.js';

const parameters = ['token', 'meeting_topic', 'start_time', 'end_time', 'location', 'attendees'];
const meetings = (context: ApiContext) => asDict(context.database('Meeting.json'));

/**
 * The Add/Modify/QueryMeeting checker: topic similarity, then it pops `meeting_topic` from both
 * inputs (mutating the ground truth, which upstream shares between duplicate instances) and
 * compares the rest.
 */
function meetingChecker(response: PyDict, groundTruth: PyDict): boolean {
  const similar = contentSimilar(path(response, 'input', 'meeting_topic'), path(groundTruth, 'input', 'meeting_topic'));
  const responseInput = path(response, 'input');
  const groundTruthInput = path(groundTruth, 'input');
  if (responseInput.type === 'dict') responseInput.delete('meeting_topic');
  if (groundTruthInput.type === 'dict') groundTruthInput.delete('meeting_topic');
  return similar && pyEquals(responseInput, groundTruthInput) && outputAndException(response, groundTruth);
}

/** Checks shared by Delete/Modify/QueryMeeting. */
function preamble(get: (name: string) => PyValue, context: ApiContext): string {
  if (truthy(get('start_time'))) pyStrptime(get('start_time'), dateTimeFormat);
  if (truthy(get('end_time'))) pyStrptime(get('end_time'), dateTimeFormat);
  if (strStrip(get('meeting_topic')) === '' && !truthy(get('start_time'))) {
    pyRaise('Meeting Topic and start_time should not be null both');
  }
  return context.checkToken(get('token'));
}

function findMeeting(
  database: PyDict,
  username: string,
  get: (name: string) => PyValue,
): { key: PyValue; record: PyDict } | undefined {
  const owner = pyStr(username);
  for (const [key, record] of database) {
    if (!pyEquals(getItem(record, 'username'), owner)) continue;
    if (
      (pyEquals(getItem(record, 'meeting_topic'), get('meeting_topic')) ||
        pyEquals(getItem(record, 'start_time'), get('start_time'))) &&
      record.type === 'dict'
    ) {
      return { key, record };
    }
  }
  return undefined;
}

function notFound(get: (name: string) => PyValue): void {
  if (truthy(get('meeting_topic'))) pyRaise(`You have no meeting about ${pythonStr(get('meeting_topic'))}`);
  if (truthy(get('start_time'))) pyRaise(`You have no meeting at time : ${pythonStr(get('start_time'))}`);
}

const addMeeting: ApiDefinition = {
  name: 'AddMeeting',
  parameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      pyStrptime(get('start_time'), dateTimeFormat);
      pyStrptime(get('end_time'), dateTimeFormat);
      if (strStrip(get('meeting_topic')) === '') pyRaise('Meeting Topic should not be null');
      const database = meetings(context);
      const keys = [...database.keys()].map((key) => Number.parseInt(pythonStr(key), 10));
      const id = keys.length === 0 ? 0 : Math.max(...keys) + 1;
      const username = context.checkToken(get('token'));
      database.set(
        pyStr(String(id)),
        new PyDict([
          ['username', pyStr(username)],
          ['meeting_topic', get('meeting_topic')],
          ['start_time', get('start_time')],
          ['end_time', get('end_time')],
          ['location', get('location')],
          ['attendees', get('attendees')],
        ]),
      );
      return success;
    });
  },
  check: meetingChecker,
};

const deleteMeeting: ApiDefinition = {
  name: 'DeleteMeeting',
  parameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = preamble(get, context);
      const database = meetings(context);
      const match = findMeeting(database, username, get);
      if (match) database.delete(match.key);
      else notFound(get);
      return success;
    });
  },
  /** Reads `input['time']`, which DeleteMeeting never has: a KeyError when both succeed. */
  check(response, groundTruth) {
    if (pyEquals(path(groundTruth, 'output'), success) && pyEquals(path(response, 'output'), success)) {
      return pyEquals(path(response, 'input', 'time'), path(groundTruth, 'input', 'time'));
    }
    return outputAndException(response, groundTruth);
  },
};

const modifyMeeting: ApiDefinition = {
  name: 'ModifyMeeting',
  parameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = preamble(get, context);
      const match = findMeeting(meetings(context), username, get);
      if (!match) {
        notFound(get);
        return success;
      }
      if (truthy(get('meeting_topic'))) match.record.set('meeting_topic', get('meeting_topic'));
      if (truthy(get('start_time'))) {
        match.record.set('start_time', get('start_time'));
        match.record.set('end_time', get('end_time'));
      }
      return success;
    });
  },
  check: meetingChecker,
};

const queryMeeting: ApiDefinition = {
  name: 'QueryMeeting',
  parameters,
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = preamble(get, context);
      const match = findMeeting(meetings(context), username, get);
      if (match) return match.record;
      notFound(get);
      return unraisedException('Error');
    });
  },
  check: meetingChecker,
};

export const meetingApis: readonly ApiDefinition[] = [addMeeting, deleteMeeting, modifyMeeting, queryMeeting];
