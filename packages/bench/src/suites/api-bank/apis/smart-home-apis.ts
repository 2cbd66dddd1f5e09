import { PyDict, type PyValue, pyEquals, pyRaise, pyStr } from '@codeact/mint';
import { outputAndException, sameNormalised } from './api-checks.js';
import { type ApiContext, type ApiDefinition, asDict, getItem, path, runApi, success } from './api-definition.js';
import { dateTimeFormat, formatCheck, raiseIfError } from './format-check.js';
import { strLower, strStrip } from './str-methods.js';

const scenes = (context: ApiContext) => asDict(context.database('Scenes.json'));
const switches = (context: ApiContext) => asDict(context.database('TimeSwitch.json'));
const normalisedName = (value: PyValue) => strLower(strStrip(value));
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
    return outputAndException(response, groundTruth);
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
      return success;
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
        new PyDict([
          ['time', pyStr(time)],
          ['on', get('on')],
        ]);
      const database = switches(context);
      if (!database.has(name)) {
        database.set(name, { type: 'list', items: [entry()] });
        return success;
      }
      const entries = getItem(database, name);
      if (entries.type !== 'list') return pyRaise("'dict' object has no attribute 'append'", 'AttributeError');
      for (const item of entries.items) {
        if (pyEquals(getItem(item, 'time'), pyStr(time))) {
          if (item.type === 'dict') item.set('on', get('on'));
          return success;
        }
      }
      entries.items.push(entry());
      return success;
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
      if (!database.has(name)) pyRaise('device name does not exist.');
      const entries = getItem(database, name);
      const items = entries.type === 'list' ? entries.items : [];
      const index = items.findIndex((item) => pyEquals(getItem(item, 'time'), pyStr(time)));
      if (index === -1) return pyRaise('time does not exist.');
      items.splice(index, 1);
      return success;
    });
  },
  check: nameChecker({ time: true }),
};

const playMusic: ApiDefinition = {
  name: 'PlayMusic',
  parameters: ['music_name'],
  call(args) {
    return runApi(this.name, this.parameters, args, (get) => {
      const name = strStrip(strLower(get('music_name')));
      if (name === '') pyRaise('The music name cannot be empty.');
      return pyStr(`music://${name}`);
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
