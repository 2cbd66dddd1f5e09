import { dumpPythonJson, PyDict, pyStr, pythonRepr, pythonStr } from '@codeact/mint';
import type { ActionMode } from '../api-bank-data.js';

/**
 * Upstream's `convert_api_call_to_*_as_action`, used for earlier calls in the history. The code
 * converter cuts the last two characters off the argument list, so a call without arguments comes
 * out as `[GetToda)]`; `fixed` renders it as `[GetToday()]`.
 */
export function renderHistoryCall(
  apiName: string,
  params: PyDict,
  format: ActionMode,
  options: { readonly fixed?: boolean } = {},
): string {
  const entries = [...params];
  switch (format) {
    case 'code_as_action': {
      if (options.fixed && entries.length === 0) return `[${apiName}()]`;
      const text = `${apiName}(${entries.map(([key, value]) => `${pythonStr(key)}='${pythonStr(value)}', `).join('')}`;
      return `[${text.slice(0, -2)})]`;
    }
    case 'text_as_action': {
      const text = `Action: ${apiName}, ${entries.map(([key, value]) => `${pythonStr(key)}: ${pythonStr(value)}, `).join('')}`;
      return `[${text.slice(0, -2)}]`;
    }
    case 'json_as_action':
      return `[${dumpPythonJson(new PyDict([['action', pyStr(apiName)], ...entries]))}]`;
  }
}

/**
 * A perfect answer for a call: the typed arguments written the natural way for the format (Python
 * literals in code, `str()` values in text, `json.dumps` in JSON). Used for the ceiling replay.
 */
export function renderIdealCall(apiName: string, input: PyDict | null, format: ActionMode): string {
  const entries = [...(input ?? new PyDict())];
  switch (format) {
    case 'code_as_action':
      return `[${apiName}(${entries.map(([key, value]) => `${pythonStr(key)}=${pythonRepr(value)}`).join(', ')})]`;
    case 'text_as_action': {
      const fields = entries.map(([key, value]) => `${pythonStr(key)}: ${pythonStr(value)}`);
      return `[${[`Action: ${apiName}`, ...fields].join(', ')}]`;
    }
    case 'json_as_action':
      return `[${dumpPythonJson(new PyDict([['action', pyStr(apiName)], ...entries]))}]`;
  }
}
