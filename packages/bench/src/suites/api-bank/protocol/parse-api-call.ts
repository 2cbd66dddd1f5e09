import { PyDict, PyException, type PyValue, parsePythonJson, pyStr } from '@codeact/mint';
import type { ActionMode } from '../api-bank-data.js';
import { dot, space, word } from './python-regex.js';
import { parseCodeArguments, parseTextArguments, stripValue } from './scan-arguments.js';

/** An API call read from a reply: the name (any JSON value in JSON format) and the arguments. */
export type ParsedApiCall = { readonly apiName: PyValue; readonly params: PyDict };

export type ParseApiCallResult =
  | { readonly success: true; readonly value: ParsedApiCall; readonly error?: never }
  | { readonly success: false; readonly value?: never; readonly error: string };

const extraction = new RegExp(`\\[${dot}*\\]`, 'u');

/**
 * The evaluator's `get_api_call`: the first line with a `[` followed by a `]`, from that `[` to the
 * last `]` on the line. Undefined when there is none ("No API call found").
 */
export function extractApiCall(reply: string): string | undefined {
  return extraction.exec(reply)?.[0];
}

const codeCall = new RegExp(`\\[(${word}+)\\((${dot}*)\\)\\]`, 'u');
const codeParameter = new RegExp(
  `(${word}+)${space}*=${space}*['"](${dot}+?)['"]|(${word}+)${space}*=${space}*(\\[${dot}*\\])|(${word}+)${space}*=${space}*(${word}+)`,
  'gu',
);
const jsonCall = new RegExp(`\\[(\\{${dot}*\\})\\]`, 'u');
const textCall = new RegExp(`\\[Action:${space}*(${word}+),${space}*(${dot}*)\\]`, 'u');
const textCallFixed = new RegExp(`\\[Action:${space}*(${word}+)(?:,${space}*(${dot}*))?\\]`, 'u');
const textParameter = new RegExp(`(${word}+):${space}*([^,]+)`, 'gu');

const noAction = 'No valid action found in text';

function fail(error: string): ParseApiCallResult {
  return { success: false, error };
}

/** `parse_code_as_action`: every value is a string; quoted values end at the first quote of either kind. */
function parseCode(text: string, fixed: boolean): ParseApiCallResult {
  const match = codeCall.exec(text);
  if (!match) return fail(noAction);
  const [, apiName = '', argumentText = ''] = match;
  if (fixed) return { success: true, value: { apiName: pyStr(apiName), params: parseCodeArguments(argumentText) } };
  const params = new PyDict();
  for (const parameter of argumentText.matchAll(codeParameter)) {
    if (parameter[1]) params.set(parameter[1], pyStr(parameter[2] ?? ''));
    else if (parameter[3]) params.set(parameter[3], pyStr(parameter[4] ?? ''));
    else if (parameter[5]) params.set(parameter[5], pyStr(parameter[6] ?? ''));
  }
  return { success: true, value: { apiName: pyStr(apiName), params } };
}

/** `parse_json_as_action`: Python `json.loads`, with the `action` key as the name and typed values. */
function parseJson(text: string): ParseApiCallResult {
  const match = jsonCall.exec(text);
  if (!match) return fail(noAction);
  let value: PyValue;
  try {
    value = parsePythonJson(match[1] ?? '');
  } catch (error) {
    if (error instanceof PyException) return fail(noAction);
    throw error;
  }
  if (value.type !== 'dict') return fail(noAction);
  const apiName = value.get('action');
  if (apiName === undefined) {
    return fail('No valid action found. You should provide the action name with key "action" in json.');
  }
  const params = new PyDict(value);
  params.delete('action');
  return { success: true, value: { apiName, params } };
}

/** `parse_text_as_action`: values run to the next comma and are stripped of `"`, then `'`, then spaces. */
function parseText(text: string, fixed: boolean): ParseApiCallResult {
  const match = (fixed ? textCallFixed : textCall).exec(text);
  if (!match) return fail(noAction);
  const [, apiName = '', argumentText = ''] = match;
  if (fixed) return { success: true, value: { apiName: pyStr(apiName), params: parseTextArguments(argumentText) } };
  const params = new PyDict();
  for (const parameter of argumentText.matchAll(textParameter)) {
    params.set(parameter[1] ?? '', pyStr(stripValue(parameter[2] ?? '')));
  }
  return { success: true, value: { apiName: pyStr(apiName), params } };
}

/**
 * Parses an extracted `[...]` call in one of the three formats. `fixed` uses the repaired parsers
 * (quotes and brackets honoured, `[Action: Name]` accepted); the default is upstream's.
 */
export function parseApiCall(
  text: string,
  format: ActionMode,
  options: { readonly fixed?: boolean } = {},
): ParseApiCallResult {
  const fixed = options.fixed ?? false;
  switch (format) {
    case 'code_as_action':
      return parseCode(text, fixed);
    case 'json_as_action':
      return parseJson(text);
    case 'text_as_action':
      return parseText(text, fixed);
  }
}
