import {
  type PyDict,
  PyException,
  type PyValue,
  parsePythonJson,
  pyBool,
  pyClone,
  pyInt,
  pyIsDecimal,
  pyIsDigit,
  pythonStr,
  pythonStrRepr,
  toAsciiDigits,
  typeName,
} from '@codeact/mint';
import type { ApiBankData, ApiSpec } from './api-bank-data.js';
import { checkToken } from './apis/account-apis.js';
import { type ApiContext, asDict } from './apis/api-definition.js';
import { apiDefinitions } from './apis/api-registry.js';

/** `faithful` reproduces the CodeAct evaluator; `fixed` repairs its documented bugs. */
export type ApiBankMode = 'faithful' | 'fixed';

/** What `ToolManager.api_call` did: a result dict, or an exception raised out of it (the call is wrong). */
export type ApiCallOutcome =
  | { readonly type: 'result'; readonly result: PyDict; readonly error?: never }
  | { readonly type: 'error'; readonly error: string; readonly result?: never };

export type ApiEnvironmentOptions = {
  readonly data: ApiBankData;
  readonly mode?: ApiBankMode;
  /** Uniform in [0, 1) for random IDs and tokens. Default `Math.random`. */
  readonly random?: () => number;
  /** Replaces an `init_database` file for this environment (fixed-mode repairs). */
  readonly databaseOverride?: (file: string, database: PyValue) => PyValue;
};

/**
 * One instance's world, as a fresh upstream `ToolManager`: its own copy of every database (shared by
 * the APIs that use the same file), the argument checks and coercions, and the API calls.
 */
export class ApiEnvironment {
  private readonly data: ApiBankData;
  private readonly mode: ApiBankMode;
  private readonly databases = new Map<string, PyValue>();
  private readonly states = new Map<string, Map<string, PyValue>>();
  private readonly context: ApiContext;
  private readonly override: ApiEnvironmentOptions['databaseOverride'];

  constructor(options: ApiEnvironmentOptions) {
    this.data = options.data;
    this.mode = options.mode ?? 'faithful';
    this.override = options.databaseOverride;
    const random = options.random ?? Math.random;
    this.context = {
      database: (file) => this.database(file),
      checkToken: (token) => checkToken(asDict(this.database('Account.json')), token),
      state: (apiName) => {
        let state = this.states.get(apiName);
        if (!state) {
          state = new Map();
          this.states.set(apiName, state);
        }
        return state;
      },
      random,
    };
  }

  /** This environment's copy of a database file. */
  database(file: string): PyValue {
    let database = this.databases.get(file);
    if (database === undefined) {
      const fresh = pyClone(this.data.database(file));
      database = this.override ? this.override(file, fresh) : fresh;
      this.databases.set(file, database);
    }
    return database;
  }

  /** `ToolManager.api_call(name, **params)`. */
  call(apiName: string, params: PyDict): ApiCallOutcome {
    const spec = this.data.apis.get(apiName);
    const api = apiDefinitions.get(apiName);
    if (!spec || !api) return { type: 'error', error: `invalid tool name: ${apiName}` };
    try {
      const args = this.coerce(spec, params);
      const optional = new Set(api.optional ?? []);
      const missing = api.parameters.filter((name) => !optional.has(name) && !args.has(name));
      if (missing.length > 0) {
        const names = missing.map((name) => pythonStrRepr(name)).join(' and ');
        throw new PyException('TypeError', `call() missing ${missing.length} required argument(s): ${names}`);
      }
      return { type: 'result', result: api.call(args, this.context) };
    } catch (error) {
      return { type: 'error', error: error instanceof Error ? error.message : String(error) };
    }
  }

  private coerce(spec: ApiSpec, params: PyDict): Map<string, PyValue> {
    const args = new Map<string, PyValue>();
    for (const [key, value] of params) {
      const parameter = spec.inputParameters.find((candidate) => key.type === 'str' && candidate.name === key.value);
      if (!parameter) throw new PyException('AssertionError', `invalid parameter name. parameter: ${pythonStr(key)}`);
      args.set(parameter.name, coerceArgument(parameter.type, value, this.mode));
    }
    return args;
  }
}

/** The tool manager's per-type conversion (CodeAct's version; `fixed` restores list parsing). */
export function coerceArgument(type: string, value: PyValue, mode: ApiBankMode): PyValue {
  switch (type) {
    case 'int':
      return toInt(value);
    case 'list':
    case 'list(str)':
      if (mode === 'fixed' && value.type === 'str') return parsePythonJson(value.value.replaceAll("'", '"'));
      return value;
    case 'bool':
      if (mode === 'fixed') {
        return pyBool(
          (value.type === 'bool' && value.value) ||
            (value.type === 'str' && value.value.trim().toLowerCase() === 'true'),
        );
      }
      return pyBool(value.type === 'str' && value.value === 'True');
    default:
      return value;
  }
}

/** `int(value)` after `isdigit()` for strings, as the CodeAct tool manager does. */
function toInt(value: PyValue): PyValue {
  switch (value.type) {
    case 'str':
      if (!pyIsDigit(value.value)) {
        throw new PyException('AssertionError', `invalid parameter type. parameter: ${value.value}`);
      }
      if (!pyIsDecimal(value.value)) {
        throw new PyException('ValueError', `invalid literal for int() with base 10: ${pythonStrRepr(value.value)}`);
      }
      return pyInt(BigInt(toAsciiDigits(value.value)));
    case 'int':
      return value;
    case 'bool':
      return pyInt(value.value ? 1 : 0);
    case 'float':
      if (Number.isNaN(value.value)) throw new PyException('ValueError', 'cannot convert float NaN to integer');
      if (!Number.isFinite(value.value)) {
        throw new PyException('OverflowError', 'cannot convert float infinity to integer');
      }
      return pyInt(BigInt(Math.trunc(value.value)));
    default:
      throw new PyException(
        'TypeError',
        `int() argument must be a string, a bytes-like object or a real number, not '${typeName(value)}'`,
      );
  }
}
