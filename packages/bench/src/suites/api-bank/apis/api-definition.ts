import {
  PyDict,
  PyException,
  type PyKeyLike,
  type PyValue,
  pyNone,
  pyStr,
  pythonStrRepr,
  typeName,
} from '@codeact/mint';

/** What an API sees of its environment: the databases of this instance and shared helpers. */
export type ApiContext = {
  /** The instance's copy of an `init_database` file (created on first use, shared by all its APIs). */
  database(file: string): PyValue;
  /** Upstream's CheckToken helper: the username owning `token`, or `The token is invalid.`. */
  checkToken(token: PyValue): string;
  /** Per-API state that lives as long as the tool instance (ForgotPassword's verification code). */
  state(apiName: string): Map<string, PyValue>;
  /** Uniform in [0, 1); injectable so random IDs are reproducible. */
  random(): number;
};

/** One upstream API class: its `call` and its `check_api_call_correctness`. */
export type ApiDefinition = {
  readonly name: string;
  /** Parameters of the Python `call`, in order. */
  readonly parameters: readonly string[];
  /** Parameters with a default value (the rest are required). */
  readonly optional?: readonly string[];
  /** Runs the Python `call(**args)` (only the given arguments): returns the result dict. */
  call(args: ReadonlyMap<string, PyValue>, context: ApiContext): PyDict;
  /** `check_api_call_correctness(response, groundtruth)`; may throw like the Python one. */
  check(response: PyDict, groundTruth: PyDict): boolean;
};

/** The `'success'` most APIs return. */
export const success = pyStr('success');

/** `Exception(message)` returned, not raised: a new object, equal only to itself. */
export function unraisedException(message: string): PyValue {
  return { type: 'opaque', name: 'Exception', repr: `Exception(${pythonStrRepr(message)})`, str: message };
}

/** The result dict `{api_name?, input, output, exception}` every API returns. */
export function apiResult(
  apiName: string | undefined,
  input: PyValue,
  output: PyValue,
  exception: string | null,
): PyDict {
  const result = new PyDict();
  if (apiName !== undefined) result.set('api_name', pyStr(apiName));
  result.set('input', input);
  result.set('output', output);
  result.set('exception', exception === null ? pyNone : pyStr(exception));
  return result;
}

/** Python `str(e)` for whatever an API raised. */
export function exceptionText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The common shape of an API's `call`: `input` holds every parameter (defaults filled with None),
 * and any exception in `run` becomes the result's `exception`.
 */
export function runApi(
  name: string,
  parameters: readonly string[],
  args: ReadonlyMap<string, PyValue>,
  run: (get: (name: string) => PyValue) => PyValue,
  options: { readonly withApiName?: boolean } = {},
): PyDict {
  const input = new PyDict(parameters.map((parameter) => [parameter, args.get(parameter) ?? pyNone]));
  const apiName = options.withApiName === false ? undefined : name;
  try {
    return apiResult(
      apiName,
      input,
      run((parameter) => input.get(parameter) ?? pyNone),
      null,
    );
  } catch (error) {
    return apiResult(apiName, input, pyNone, exceptionText(error));
  }
}

/** `container[key]`, raising KeyError / TypeError as Python does. */
export function getItem(container: PyValue, key: PyKeyLike): PyValue {
  if (container.type === 'dict') return container.getItem(key);
  if (container.type === 'str') throw new PyException('TypeError', 'string indices must be integers');
  throw new PyException('TypeError', `'${typeName(container)}' object is not subscriptable`);
}

/** `dict` of a database file, or TypeError if the file holds something else. */
export function asDict(value: PyValue): PyDict {
  if (value.type !== 'dict') throw new PyException('TypeError', `'${typeName(value)}' object is not a dict`);
  return value;
}

/** `response['input'][key]` etc.: a chain of subscripts. */
export function path(result: PyValue, ...keys: string[]): PyValue {
  return keys.reduce<PyValue>((value, key) => getItem(value, key), result);
}
