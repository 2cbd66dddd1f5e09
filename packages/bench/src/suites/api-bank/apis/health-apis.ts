import { compareDateTimes, pyStrftime, pyStrptime } from '../python/py-datetime.js';
import { PyException, pyRaise } from '../python/py-exception.js';
import { pyLower, pyStrip, pyUpper } from '../python/py-string.js';
import { isDict, isList, type PyDict, type PyValue, pyEquals, pyTypeName } from '../python/py-value.js';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  getItem,
  hashKey,
  hasKey,
  path,
  runApi,
  sameNormalised,
} from './api-definition.js';
import { dateTimeFormat, formatCheck, parseNormalised, raiseIfError } from './format-check.js';

const healthData = (context: ApiContext) => asDict(context.database('HealthData.json'));
const symptoms = (context: ApiContext) => asDict(context.database('Symptom.json'));

/** `for item in value` over a list, the characters of a string, or the keys of a dict. */
function iterate(value: PyValue): PyValue[] {
  if (isList(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isDict(value)) return [...value.keys()];
  throw new PyException('TypeError', `'${pyTypeName(value)}' object is not iterable`);
}

/** `needle in container`. */
function contains(container: PyValue, needle: string): boolean {
  if (typeof container === 'string') return container.includes(needle);
  if (isList(container)) return container.some((item) => pyEquals(item, needle));
  if (isDict(container)) return container.has(needle);
  throw new PyException('TypeError', `argument of type '${pyTypeName(container)}' is not iterable`);
}

function length(value: PyValue): number {
  if (typeof value === 'string') return value.length;
  if (isList(value)) return value.length;
  if (isDict(value)) return value.size;
  throw new PyException('TypeError', `object of type '${pyTypeName(value)}' has no len()`);
}

const recordHealthData: ApiDefinition = {
  name: 'RecordHealthData',
  parameters: ['user_id', 'time', 'health_data'],
  optional: ['health_data'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const userId = pyStrip(pyUpper(get('user_id')));
      if (userId === '') pyRaise('The user id cannot be empty.');
      const time = raiseIfError(formatCheck(get('time'), dateTimeFormat));
      const data = get('health_data');
      if (data === null || length(data) === 0) pyRaise('The health data cannot be empty.');
      const names = new Set<string | number>();
      for (const item of iterate(data)) {
        if (!contains(item, 'name')) pyRaise('The health data has invalid format.');
        const name = hashKey(getItem(item, 'name'));
        if (names.has(name)) pyRaise('The health data cannot contain duplicate items.');
        names.add(name);
      }
      const database = healthData(context);
      if (!database.has(userId)) database.set(userId, []);
      const records = getItem(database, userId) as PyValue[];
      let existing: PyDict | undefined;
      for (const record of records) if (pyEquals(getItem(record, 'time'), time) && isDict(record)) existing = record;
      const target: PyDict = existing ?? new Map<string, PyValue>([['time', time]]);
      for (const item of iterate(data)) target.set(hashKey(getItem(item, 'name')), getItem(item, 'value'));
      if (!existing) records.push(target);
      return 'success';
    });
  },
  /** The health_data content itself is not compared. */
  check(response, groundTruth) {
    const userId = (result: PyDict) => pyStrip(pyUpper(path(result, 'input', 'user_id')));
    const time = (result: PyDict) => formatCheck(path(result, 'input', 'time'), dateTimeFormat);
    return (
      userId(response) === userId(groundTruth) &&
      sameNormalised(time(response), time(groundTruth)) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

/** QueryHealthData's `format_check`: user id upper-cased (None when empty) and two parsed times. */
function queryFormatCheck(result: { userId: PyValue; start: PyValue; end: PyValue }) {
  const userId = pyStrip(pyUpper(result.userId));
  return {
    userId: userId === '' ? null : userId,
    start: parseNormalised(result.start, dateTimeFormat),
    end: parseNormalised(result.end, dateTimeFormat),
  };
}

const queryHealthData: ApiDefinition = {
  name: 'QueryHealthData',
  parameters: ['user_id', 'start_time', 'end_time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const { userId, start, end } = queryFormatCheck({
        userId: get('user_id'),
        start: get('start_time'),
        end: get('end_time'),
      });
      if (userId === null) return pyRaise('The user id cannot be empty.');
      if (start instanceof PyException && end instanceof PyException) pyRaise(`${start.message}; ${end.message}`);
      const from = raiseIfError(start);
      const to = raiseIfError(end);
      if (compareDateTimes(from, to) > 0) pyRaise('The start time cannot be later than the end time.');
      const database = healthData(context);
      if (!database.has(userId)) pyRaise('The user id does not exist.');
      const found: PyValue[] = [];
      for (const record of iterate(getItem(database, userId))) {
        const time = pyStrptime(getItem(record, 'time'), dateTimeFormat);
        if (compareDateTimes(time, from) >= 0 && compareDateTimes(time, to) <= 0) found.push(record);
      }
      if (found.length === 0) pyRaise('There is no health data in the given time span.');
      return found;
    });
  },
  check(response, groundTruth) {
    const normalised = (result: PyDict) => {
      const checked = queryFormatCheck({
        userId: path(result, 'input', 'user_id'),
        start: path(result, 'input', 'start_time'),
        end: path(result, 'input', 'end_time'),
      });
      const text = (value: typeof checked.start) =>
        value instanceof PyException ? value : pyStrftime(value, dateTimeFormat);
      return { userId: checked.userId, start: text(checked.start), end: text(checked.end) };
    };
    const actual = normalised(response);
    const expected = normalised(groundTruth);
    return (
      actual.userId === expected.userId &&
      sameNormalised(actual.start, expected.start) &&
      sameNormalised(actual.end, expected.end) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

/** SymptomSearch's `format_check` raises on an empty symptom, even inside the checker. */
function symptomKey(value: PyValue): string {
  const symptom = pyLower(pyStrip(value));
  if (symptom === '') pyRaise('The symptom cannot be empty.');
  return symptom;
}

const symptomSearch: ApiDefinition = {
  name: 'SymptomSearch',
  parameters: ['symptom'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const symptom = symptomKey(get('symptom'));
      const database = symptoms(context);
      if (!hasKey(database, symptom)) pyRaise('The symptom does not exist.');
      return iterate(getItem(database, symptom)).map(
        (item) =>
          new Map<string, PyValue>([
            ['name', getItem(item, 'name')],
            ['description', getItem(item, 'description')],
          ]),
      );
    });
  },
  check(response, groundTruth) {
    return (
      symptomKey(path(response, 'input', 'symptom')) === symptomKey(path(groundTruth, 'input', 'symptom')) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

/** EmergencyKnowledge's `format_check`: an empty symptom becomes an Exception, then `.lower()` fails on it. */
function emergencyKey(value: PyValue): string {
  const symptom = pyStrip(value);
  if (symptom === '') pyRaise("'Exception' object has no attribute 'lower'", 'AttributeError');
  return pyLower(symptom);
}

const emergencyKnowledge: ApiDefinition = {
  name: 'EmergencyKnowledge',
  parameters: ['symptom'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const symptom = emergencyKey(get('symptom'));
      const database = symptoms(context);
      if (!hasKey(database, symptom)) pyRaise('The symptom does not exist.');
      return iterate(getItem(database, symptom)).map(
        (item) =>
          new Map<string, PyValue>([
            ['name', getItem(item, 'name')],
            ['aid', getItem(item, 'aid')],
          ]),
      );
    });
  },
  check(response, groundTruth) {
    return (
      emergencyKey(path(response, 'input', 'symptom')) === emergencyKey(path(groundTruth, 'input', 'symptom')) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

export const healthApis: readonly ApiDefinition[] = [
  recordHealthData,
  queryHealthData,
  symptomSearch,
  emergencyKnowledge,
];
