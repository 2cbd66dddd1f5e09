import { pythonFloatRepr } from './python-repr.js';
import { PyException, type PyValue, typeName } from './python-value.js';

function escapeJsonString(text: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const char = text[index] as string;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function keyText(key: PyValue): string {
  switch (key.type) {
    case 'str':
      return key.value;
    case 'none':
      return 'null';
    case 'bool':
      return key.value ? 'true' : 'false';
    case 'int':
    case 'float':
      return dumpPythonJson(key);
    default:
      throw new PyException('TypeError', `keys must be str, int, float, bool or None, not ${typeName(key)}`);
  }
}

/** Python `json.dumps(value)` with its defaults: `", "` and `": "` separators, ASCII escaping. */
export function dumpPythonJson(value: PyValue): string {
  switch (value.type) {
    case 'none':
      return 'null';
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int':
      return String(value.value);
    case 'float':
      if (Number.isNaN(value.value)) return 'NaN';
      if (!Number.isFinite(value.value)) return value.value > 0 ? 'Infinity' : '-Infinity';
      return pythonFloatRepr(value.value);
    case 'str':
      return escapeJsonString(value.value);
    case 'list':
    case 'tuple':
      return `[${value.items.map(dumpPythonJson).join(', ')}]`;
    case 'dict':
      return `{${[...value].map(([key, item]) => `${escapeJsonString(keyText(key))}: ${dumpPythonJson(item)}`).join(', ')}}`;
    default:
      throw new PyException('TypeError', `Object of type ${typeName(value)} is not JSON serializable`);
  }
}
