import {
  compareDateTimes,
  PyDict,
  PyException,
  type PyValue,
  pyEquals,
  pyHashKey,
  pyRaise,
  pyStr,
  pyStrftime,
  pyStrptime,
  typeName,
} from '@codeact/mint';
import { outputAndException, sameNormalised } from './api-checks.js';
import { type ApiContext, type ApiDefinition, asDict, getItem, path, runApi, success } from './api-definition.js';
import { dateTimeFormat, formatCheck, parseNormalised, raiseIfError } from './format-check.js';
import { strLower, strStrip, strUpper } from './str-methods.js';

const healthData = (context: ApiContext) => asDict(context.database('HealthData.json'));
const symptoms = (context: ApiContext) => asDict(context.database('Symptom.json'));

/** `for item in value` over a list, the characters of a string, or the keys of a dict. */
function iterate(value: PyValue): PyValue[] {
  if (value.type === 'list') return value.items;
  if (value.type === 'str') return [...value.value].map(pyStr);
  if (value.type === 'dict') return [...value.keys()];
  throw new PyException('TypeError', `'${typeName(value)}' object is not iterable`);
}

/** `needle in container`. */
function contains(container: PyValue, needle: string): boolean {
  if (container.type === 'str') return container.value.includes(needle);
  if (container.type === 'list') return container.items.some((item) => pyEquals(item, pyStr(needle)));
  if (container.type === 'dict') return container.has(needle);
  throw new PyException('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

function length(value: PyValue): number {
  if (value.type === 'str') return value.value.length;
  if (value.type === 'list') return value.items.length;
  if (value.type === 'dict') return value.size;
  throw new PyException('TypeError', `object of type '${typeName(value)}' has no len()`);
}

/** `[{key: item[key] for key in keys} for item in items]`. */
function listOf(items: PyValue, keys: readonly string[]): PyValue {
  return {
    type: 'list',
    items: iterate(items).map((item) => new PyDict(keys.map((key) => [key, getItem(item, key)]))),
  };
}

const recordHealthData: ApiDefinition = {
  name: 'RecordHealthData',
  parameters: ['user_id', 'time', 'health_data'],
  optional: ['health_data'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const userId = strStrip(strUpper(get('user_id')));
      if (userId === '') pyRaise('The user id cannot be empty.');
      const time = raiseIfError(formatCheck(get('time'), dateTimeFormat));
      const data = get('health_data');
      if (data.type === 'none' || length(data) === 0) pyRaise('The health data cannot be empty.');
      const names = new Set<string>();
      for (const item of iterate(data)) {
        if (!contains(item, 'name')) pyRaise('The health data has invalid format.');
        const name = pyHashKey(getItem(item, 'name'));
        if (names.has(name)) pyRaise('The health data cannot contain duplicate items.');
        names.add(name);
      }
      const database = healthData(context);
      if (!database.has(userId)) database.set(userId, { type: 'list', items: [] });
      const records = iterate(getItem(database, userId));
      let existing: PyDict | undefined;
      for (const record of records) {
        if (pyEquals(getItem(record, 'time'), pyStr(time)) && record.type === 'dict') existing = record;
      }
      const target = existing ?? new PyDict([['time', pyStr(time)]]);
      for (const item of iterate(data)) target.set(getItem(item, 'name'), getItem(item, 'value'));
      if (!existing) records.push(target);
      return success;
    });
  },
  /** The health_data content itself is not compared. */
  check(response, groundTruth) {
    const userId = (result: PyDict) => strStrip(strUpper(path(result, 'input', 'user_id')));
    const time = (result: PyDict) => formatCheck(path(result, 'input', 'time'), dateTimeFormat);
    return (
      userId(response) === userId(groundTruth) &&
      sameNormalised(time(response), time(groundTruth)) &&
      outputAndException(response, groundTruth)
    );
  },
};

/** QueryHealthData's `format_check`: user id upper-cased (None when empty) and two parsed times. */
function queryFormatCheck(result: { userId: PyValue; start: PyValue; end: PyValue }) {
  const userId = strStrip(strUpper(result.userId));
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
      return { type: 'list', items: found };
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
      outputAndException(response, groundTruth)
    );
  },
};

/** SymptomSearch's `format_check` raises on an empty symptom, even inside the checker. */
function symptomKey(value: PyValue): string {
  const symptom = strLower(strStrip(value));
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
      if (!database.has(symptom)) pyRaise('The symptom does not exist.');
      return listOf(getItem(database, symptom), ['name', 'description']);
    });
  },
  check(response, groundTruth) {
    return (
      symptomKey(path(response, 'input', 'symptom')) === symptomKey(path(groundTruth, 'input', 'symptom')) &&
      outputAndException(response, groundTruth)
    );
  },
};

/** EmergencyKnowledge's `format_check`: an empty symptom becomes an Exception, then `.lower()` fails on it. */
function emergencyKey(value: PyValue): string {
  const symptom = strStrip(value);
  if (symptom === '') pyRaise("'Exception' object has no attribute 'lower'", 'AttributeError');
  return strLower(symptom);
}

const emergencyKnowledge: ApiDefinition = {
  name: 'EmergencyKnowledge',
  parameters: ['symptom'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const symptom = emergencyKey(get('symptom'));
      const database = symptoms(context);
      if (!database.has(symptom)) pyRaise('The symptom does not exist.');
      return listOf(getItem(database, symptom), ['name', 'aid']);
    });
  },
  check(response, groundTruth) {
    return (
      emergencyKey(path(response, 'input', 'symptom')) === emergencyKey(path(groundTruth, 'input', 'symptom')) &&
      outputAndException(response, groundTruth)
    );
  },
};

export const healthApis: readonly ApiDefinition[] = [
  recordHealthData,
  queryHealthData,
  symptomSearch,
  emergencyKnowledge,
];
