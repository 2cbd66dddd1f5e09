import { PyDict, type PyValue, pyClone, pyEquals, pyNone, pyStr, pyTrue } from '@codeact/mint';
import type { ApiBankInstance, ApiCallTurn } from './api-bank-data.js';
import { outputAndException } from './apis/api-checks.js';
import { type ApiDefinition, path, success } from './apis/api-definition.js';
import type { ApiEnvironment } from './tool-manager.js';

/**
 * The `fixed` mode's repairs of the data, reported apart from Table 2. Together with the tool
 * manager's list and boolean conversion and the repaired parsers, they make every instance that
 * does not need a live web service winnable in every format.
 */

function renameKey(dict: PyValue | undefined, from: string, to: string): void {
  if (dict?.type !== 'dict' || !dict.has(from)) return;
  const renamed = pyStr(to);
  const entries = [...dict].map(([key, value]) => [pyEquals(key, pyStr(from)) ? renamed : key, value] as const);
  dict.clear();
  for (const [key, value] of entries) dict.set(key, value);
}

/** Ground-truth repairs, by API: each fixes an annotation no correct call can reproduce. */
const groundTruthRepairs: Record<string, (turn: ApiCallTurn) => void> = {
  /** The annotators passed the device as `device_id`, a parameter the API does not have. */
  TimedSwitch: (turn) => {
    renameKey(turn.paramDict, 'device_id', 'name');
    renameKey(turn.result.get('input'), 'device_id', 'name');
  },
  CancelTimedSwitch: (turn) => {
    renameKey(turn.paramDict, 'device_id', 'name');
    renameKey(turn.result.get('input'), 'device_id', 'name');
  },
  /** The recorded devices are capitalised; the database (and so the API) has them in lower case. */
  QueryScene: (turn) => {
    const output = turn.result.get('output');
    if (output?.type !== 'list') return;
    for (const device of output.items) {
      const name = device.type === 'dict' ? device.get('name') : undefined;
      if (device.type === 'dict' && name?.type === 'str') device.set('name', pyStr(name.value.toLowerCase()));
    }
  },
  /** The content was cut at the apostrophe by the code parser during annotation. */
  SendEmail: (turn) => {
    const input = turn.result.get('input');
    const full = pyStr("Don't forget our meeting tomorrow at 2pm.");
    const cut = pyStr('Don');
    if (input?.type === 'dict' && pyEquals(input.get('content') ?? pyNone, cut)) input.set('content', full);
    if (pyEquals(turn.paramDict.get('content') ?? pyNone, cut)) turn.paramDict.set('content', full);
  },
};

function repairTurn(turn: ApiCallTurn): ApiCallTurn {
  const repaired: ApiCallTurn = { ...turn, paramDict: pyClone(turn.paramDict), result: pyClone(turn.result) };
  groundTruthRepairs[turn.apiName]?.(repaired);
  return repaired;
}

/** The instance with its ground truth and history calls repaired. */
export function repairInstance(instance: ApiBankInstance): ApiBankInstance {
  return {
    ...instance,
    groundTruth: repairTurn(instance.groundTruth),
    history: instance.history.map((turn) => (turn.role === 'API' ? repairTurn(turn) : turn)),
  };
}

/** The device of the CancelTimedSwitch dialogues ("ID 10000025", switch at 2023-03-19 09:30:00) is missing. */
export function repairDatabase(file: string, database: PyValue): PyValue {
  if (file === 'TimeSwitch.json' && database.type === 'dict' && !database.has('10000025')) {
    const entry = new PyDict([
      ['time', pyStr('2023-03-19 09:30:00')],
      ['on', pyTrue],
    ]);
    database.set('10000025', { type: 'list', items: [entry] });
  }
  return database;
}

/** DeleteMeeting's checker reads `input['time']`, a key it never has; the meeting is identified by `start_time`. */
export const fixedCheckers: ReadonlyMap<string, ApiDefinition['check']> = new Map([
  [
    'DeleteMeeting',
    (response: PyDict, groundTruth: PyDict) => {
      if (pyEquals(path(groundTruth, 'output'), success) && pyEquals(path(response, 'output'), success)) {
        return pyEquals(path(response, 'input', 'start_time'), path(groundTruth, 'input', 'start_time'));
      }
      return outputAndException(response, groundTruth);
    },
  ],
]);

/**
 * Carries state through the dialogue: replays the earlier calls (their recorded typed inputs), and
 * aligns what upstream drew at random (appointment IDs, user tokens) with the recorded outputs.
 */
export function replayHistory(environment: ApiEnvironment, instance: ApiBankInstance): void {
  for (const turn of instance.history) {
    if (turn.role !== 'API') continue;
    const input = turn.result.get('input');
    const outcome = environment.call(turn.apiName, input?.type === 'dict' ? pyClone(input) : new PyDict());
    if (outcome.type !== 'result') continue;
    const actual = outcome.result.get('output');
    const recorded = turn.result.get('output');
    if (turn.apiName === 'AppointmentRegistration' && actual?.type === 'str' && recorded?.type === 'str') {
      renameKey(environment.database('Appointments.json'), actual.value, recorded.value);
    }
    if (turn.apiName === 'RegisterUser' && actual?.type === 'dict' && recorded?.type === 'dict') {
      const user = input?.type === 'dict' ? input.get('username') : undefined;
      const accounts = environment.database('Account.json');
      const record = accounts.type === 'dict' && user?.type === 'str' ? accounts.get(user) : undefined;
      if (record?.type === 'dict') record.set('token', recorded.get('token') ?? pyNone);
    }
  }
}
