import { pyRaise } from '../python/py-exception.js';
import { pyLower, pyStrip } from '../python/py-string.js';
import { isList, type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import {
  type ApiContext,
  type ApiDefinition,
  asDict,
  getItem,
  hasKey,
  path,
  runApi,
  sameNormalised,
} from './api-definition.js';
import { dateTimeFormat, formatCheck, raiseIfError } from './format-check.js';

const scenes = (context: ApiContext) => asDict(context.database('Scenes.json'));
const switches = (context: ApiContext) => asDict(context.database('TimeSwitch.json'));
const normalisedName = (value: PyValue) => pyLower(pyStrip(value));
const normalisedTime = (value: PyValue) => formatCheck(value, dateTimeFormat);

/** Checkers comparing the normalised name (and time), output and exception. */
function nameChecker(options: { time: boolean; on?: boolean }): ApiDefinition['check'] {
  return (response: PyDict, groundTruth: PyDict) => {
    if (normalisedName(path(response, 'input', 'name')) !== normalisedName(path(groundTruth, 'input', 'name'))) {
      return false;
    }
    if (
      options.time &&
      !sameNormalised(
        normalisedTime(path(response, 'input', 'time')),
        normalisedTime(path(groundTruth, 'input', 'time')),
      )
    ) {
      return false;
    }
    if (options.on && !pyEquals(path(response, 'input', 'on'), path(groundTruth, 'input', 'on'))) return false;
    return (
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  };
}

const queryScene: ApiDefinition = {
  name: 'QueryScene',
  parameters: ['name'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const name = normalisedName(get('name'));
      if (name === '') pyRaise('Scene name cannot be empty.');
      const database = scenes(context);
      if (!database.has(name)) pyRaise('Scene not found.');
      return getItem(database, name);
    });
  },
  check: nameChecker({ time: false }),
};

const deleteScene: ApiDefinition = {
  name: 'DeleteScene',
  parameters: ['name'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const name = normalisedName(get('name'));
      if (name === '') pyRaise('Scene name cannot be empty.');
      const database = scenes(context);
      if (!database.has(name)) pyRaise('The scene does not exist.');
      database.delete(name);
      return 'success';
    });
  },
  check: nameChecker({ time: false }),
};

const timedSwitch: ApiDefinition = {
  name: 'TimedSwitch',
  parameters: ['name', 'time', 'on'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const name = normalisedName(get('name'));
      if (name === '') pyRaise('Name cannot be empty.');
      const time = raiseIfError(normalisedTime(get('time')));
      const entry = () =>
        new Map<string, PyValue>([
          ['time', time],
          ['on', get('on')],
        ]);
      const database = switches(context);
      if (!database.has(name)) {
        database.set(name, [entry()]);
        return 'success';
      }
      const entries = getItem(database, name);
      if (!isList(entries)) return pyRaise("'dict' object has no attribute 'append'", 'AttributeError');
      for (const item of entries) {
        if (pyEquals(getItem(item, 'time'), time)) {
          (item as PyDict).set('on', get('on'));
          return 'success';
        }
      }
      entries.push(entry());
      return 'success';
    });
  },
  check: nameChecker({ time: true, on: true }),
};

const cancelTimedSwitch: ApiDefinition = {
  name: 'CancelTimedSwitch',
  parameters: ['name', 'time'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const name = normalisedName(get('name'));
      if (name === '') pyRaise('name cannot be empty.');
      const time = raiseIfError(normalisedTime(get('time')));
      const database = switches(context);
      if (!hasKey(database, name)) pyRaise('device name does not exist.');
      const entries = getItem(database, name);
      const index = isList(entries) ? entries.findIndex((item) => pyEquals(getItem(item, 'time'), time)) : -1;
      if (index === -1 || !isList(entries)) return pyRaise('time does not exist.');
      entries.splice(index, 1);
      return 'success';
    });
  },
  check: nameChecker({ time: true }),
};

const playMusic: ApiDefinition = {
  name: 'PlayMusic',
  parameters: ['music_name'],
  call(args) {
    return runApi(this.name, this.parameters, args, (get) => {
      const name = pyStrip(pyLower(get('music_name')));
      if (name === '') pyRaise('The music name cannot be empty.');
      return `music://${name}`;
    });
  },
  check: (response, groundTruth) => pyEquals(path(response, 'output'), path(groundTruth, 'output')),
};

export const smartHomeApis: readonly ApiDefinition[] = [
  queryScene,
  deleteScene,
  timedSwitch,
  cancelTimedSwitch,
  playMusic,
];
