import { PyDict } from './python-dict.js';
import { pythonRepr, pythonStr } from './python-repr.js';
import type { PyValue } from './python-value.js';

/**
 * Plain JSON for the outside world (a tool bridge, a trajectory): ints and floats become numbers, a
 * non-finite float its name, tuples arrays, dict keys their `str`, other objects their `str`.
 */
export function toJsonValue(value: PyValue): unknown {
  switch (value.type) {
    case 'none':
      return null;
    case 'bool':
    case 'str':
      return value.value;
    case 'int':
      return Number(value.value);
    case 'float':
      return Number.isFinite(value.value) ? value.value : String(value.value);
    case 'list':
    case 'tuple':
    case 'set':
    case 'ndarray':
      return value.items.map(toJsonValue);
    case 'dict': {
      // A null prototype keeps a `__proto__` key an ordinary property.
      const object: Record<string, unknown> = Object.create(null);
      for (const [key, item] of value) object[pythonStr(key)] = toJsonValue(item);
      return object;
    }
    case 'complex':
      return pythonRepr(value);
    default:
      return pythonStr(value);
  }
}

/** The inverse of `toJsonValue` for values that crossed a JSON boundary: integral numbers are ints. */
export function fromJsonValue(value: unknown): PyValue {
  if (value === null || value === undefined) return { type: 'none' };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { type: 'int', value: BigInt(value) } : { type: 'float', value };
  }
  if (typeof value === 'string') return { type: 'str', value };
  if (typeof value === 'boolean') return { type: 'bool', value };
  if (Array.isArray(value)) return { type: 'list', items: value.map(fromJsonValue) };
  if (typeof value === 'object') {
    return new PyDict(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromJsonValue(item)]),
    );
  }
  return { type: 'str', value: String(value) };
}
