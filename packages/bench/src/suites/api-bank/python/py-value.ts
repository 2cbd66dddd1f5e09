/**
 * A small model of the Python values API-Bank passes around. Python semantics matter here: dicts keep
 * insertion order and may mix `int` and `str` keys, `1 == 1.0 == True`, and `str(6.0)` is `6.0`.
 */

/** A Python `float`; a plain `number` is a Python `int`. */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** A Python object compared by identity, e.g. the unraised `Exception('Error')` some APIs return. */
export class PyOpaque {
  /** Python `repr()`. */
  readonly repr: string;
  /** Python `str()`. */
  readonly str: string;
  constructor(repr: string, str: string) {
    this.repr = repr;
    this.str = str;
  }
}

/** A dict key: `number` is a Python `int` key, distinct from the `str` key of the same digits. */
export type PyKey = string | number;
export type PyDict = Map<PyKey, PyValue>;
export type PyValue = null | boolean | number | string | PyFloat | PyOpaque | PyValue[] | PyDict;

export function isDict(value: PyValue | undefined): value is PyDict {
  return value instanceof Map;
}

export function isList(value: PyValue | undefined): value is PyValue[] {
  return Array.isArray(value);
}

/** Builds a dict from entries in order. */
export function pyDict(entries: Iterable<readonly [PyKey, PyValue]> = []): PyDict {
  return new Map(entries);
}

function numeric(value: PyValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyFloat) return value.value;
  return undefined;
}

/** Python `==`: deep, order-insensitive for dicts, numeric across bool/int/float, identity for objects. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(a instanceof PyFloat && Number.isNaN(a.value));
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined || y !== undefined) return x !== undefined && y !== undefined && x === y;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => pyEquals(item, b[index] as PyValue));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) {
      const other = b.get(key);
      if (other === undefined || !pyEquals(value, other)) return false;
    }
    return true;
  }
  return false;
}

/** A deep copy, as `json.load` of the same file would give. */
export function pyClone<T extends PyValue>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isDict(value)) {
    const copy: PyDict = new Map();
    for (const [key, item] of value) copy.set(key, cloneValue(item));
    return copy;
  }
  return value;
}

/** Python's type name, for error messages. */
export function pyTypeName(value: PyValue | undefined): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'string') return 'str';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof PyOpaque) return 'object';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** Plain JSON for the outside world (tool bridge, trajectories); floats become numbers. */
export function toJsonValue(value: PyValue): unknown {
  if (value instanceof PyFloat) return Number.isFinite(value.value) ? value.value : String(value.value);
  if (value instanceof PyOpaque) return value.str;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) {
    // A null prototype keeps a `__proto__` key an ordinary property.
    const object: Record<string, unknown> = Object.create(null);
    for (const [key, item] of value) object[String(key)] = toJsonValue(item);
    return object;
  }
  return value;
}

/** The inverse of `toJsonValue` for values that crossed a JSON boundary: non-integral numbers are floats. */
export function fromJsonValue(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : new PyFloat(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJsonValue);
  if (typeof value === 'object') {
    return new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromJsonValue(item)]));
  }
  return String(value);
}
