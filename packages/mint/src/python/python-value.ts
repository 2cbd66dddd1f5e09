import type { PyDict } from './python-dict.js';

/**
 * The one model of Python values in TypeScript: enough of Python's data model to score TheoremQA
 * answers exactly as upstream's `eval` does (with nothing that can run code) and to run API-Bank's
 * tools. Ints are exact (`bigint`); lists and dicts are mutable, as in Python.
 */
export type PyValue =
  | { readonly type: 'none' }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'complex'; readonly re: number; readonly im: number }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'list'; readonly items: PyValue[] }
  | { readonly type: 'tuple' | 'set' | 'ndarray'; readonly items: readonly PyValue[] }
  | PyDict
  | { readonly type: 'function'; readonly name: string; readonly call: (args: readonly PyValue[]) => PyValue }
  | { readonly type: 'module'; readonly name: string; readonly attributes: ReadonlyMap<string, PyValue> }
  /**
   * A Python object not otherwise modelled (a class, bytes, `np.int64`, an unraised `Exception`):
   * equal only to itself; `repr`/`str` are its Python renderings where they are known.
   */
  | { readonly type: 'opaque'; readonly name: string; readonly repr?: string; readonly str?: string };

/** A Python exception raised while evaluating (`NameError`, `ZeroDivisionError`, …). */
export class PyException extends Error {
  readonly pythonName: string;

  constructor(pythonName: string, message: string) {
    super(message);
    this.name = 'PyException';
    this.pythonName = pythonName;
  }
}

/** `raise Exception(message)` (or another exception type). */
export function pyRaise(message: string, pythonName = 'Exception'): never {
  throw new PyException(pythonName, message);
}

export const pyNone: PyValue = { type: 'none' };
export const pyTrue: PyValue = { type: 'bool', value: true };
export const pyFalse: PyValue = { type: 'bool', value: false };

export const pyBool = (value: boolean): PyValue => (value ? pyTrue : pyFalse);
export const pyInt = (value: bigint | number): PyValue => ({ type: 'int', value: BigInt(value) });
export const pyFloat = (value: number): PyValue => ({ type: 'float', value });
export const pyStr = (value: string): PyValue => ({ type: 'str', value });
export const pyList = (items: readonly PyValue[]): PyValue => ({ type: 'list', items: [...items] });

/** Python's type name, for error messages. */
export function typeName(value: PyValue): string {
  switch (value.type) {
    case 'none':
      return 'NoneType';
    case 'function':
      return 'builtin_function_or_method';
    case 'opaque':
      return value.name;
    case 'ndarray':
      return 'numpy.ndarray';
    default:
      return value.type;
  }
}

/** int, float or bool (`isinstance(x, (int, float))`; bool is an int in Python). */
export function isReal(value: PyValue): value is Extract<PyValue, { type: 'int' | 'float' | 'bool' }> {
  return value.type === 'int' || value.type === 'float' || value.type === 'bool';
}

/** int or bool as a bigint. */
export function asBigInt(value: PyValue): bigint | undefined {
  if (value.type === 'int') return value.value;
  if (value.type === 'bool') return value.value ? 1n : 0n;
  return undefined;
}

/** A real number as a JS number (big ints lose precision, as `float(x)` would). */
export function asNumber(value: PyValue): number | undefined {
  if (value.type === 'float') return value.value;
  const big = asBigInt(value);
  return big === undefined ? undefined : Number(big);
}

/** `bool(x)`. */
export function truthy(value: PyValue): boolean {
  switch (value.type) {
    case 'none':
      return false;
    case 'bool':
      return value.value;
    case 'int':
      return value.value !== 0n;
    case 'float':
      return value.value !== 0;
    case 'complex':
      return value.re !== 0 || value.im !== 0;
    case 'str':
      return value.value !== '';
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.size > 0;
    case 'ndarray':
      if (value.items.length === 1) return truthy(value.items[0] as PyValue);
      if (value.items.length === 0) return false;
      throw new PyException('ValueError', 'The truth value of an array with more than one element is ambiguous.');
    default:
      return true;
  }
}

/** Compares an exact integer with a float the way Python does (exactly, not after rounding). */
function compareIntFloat(integer: bigint, float: number): number {
  if (Number.isNaN(float)) return Number.NaN;
  if (float === Number.POSITIVE_INFINITY) return -1;
  if (float === Number.NEGATIVE_INFINITY) return 1;
  const floor = Math.floor(float);
  const big = BigInt(floor);
  if (integer < big) return -1;
  if (integer > big) return 1;
  return floor === float ? 0 : -1;
}

/** Numeric comparison (-1, 0, 1, or NaN when unordered); `undefined` when not both real. */
export function compareReal(left: PyValue, right: PyValue): number | undefined {
  const a = asBigInt(left);
  const b = asBigInt(right);
  if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (a !== undefined && right.type === 'float') return compareIntFloat(a, right.value);
  if (b !== undefined && left.type === 'float') return -compareIntFloat(b, left.value);
  if (left.type === 'float' && right.type === 'float') {
    if (Number.isNaN(left.value) || Number.isNaN(right.value)) return Number.NaN;
    return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
  }
  return undefined;
}

/** `a == b`. */
export function pyEquals(left: PyValue, right: PyValue): boolean {
  const numeric = compareReal(left, right);
  if (numeric !== undefined) return numeric === 0;
  if (left.type === 'complex' || right.type === 'complex') {
    const l = left.type === 'complex' ? left : isReal(left) ? { re: asNumber(left) as number, im: 0 } : undefined;
    const r = right.type === 'complex' ? right : isReal(right) ? { re: asNumber(right) as number, im: 0 } : undefined;
    return l !== undefined && r !== undefined && l.re === r.re && l.im === r.im;
  }
  if (left.type === 'str' && right.type === 'str') return left.value === right.value;
  if (left.type === 'none' && right.type === 'none') return true;
  if ((left.type === 'list' && right.type === 'list') || (left.type === 'tuple' && right.type === 'tuple')) {
    return (
      left.items.length === right.items.length &&
      left.items.every((item, i) => pyEquals(item, right.items[i] as PyValue))
    );
  }
  if (left.type === 'set' && right.type === 'set') {
    return (
      left.items.length === right.items.length &&
      left.items.every((item) => right.items.some((other) => pyEquals(item, other)))
    );
  }
  if (left.type === 'dict' && right.type === 'dict') {
    if (left.size !== right.size) return false;
    for (const [key, value] of left) {
      const other = right.get(key);
      if (other === undefined || !pyEquals(value, other)) return false;
    }
    return true;
  }
  return left === right;
}

/** Values a set or dict key may hold (Python raises `TypeError: unhashable type` for the rest). */
export function assertHashable(value: PyValue): void {
  if (value.type === 'list' || value.type === 'set' || value.type === 'dict' || value.type === 'ndarray') {
    throw new PyException('TypeError', `unhashable type: '${typeName(value)}'`);
  }
  if (value.type === 'tuple') for (const item of value.items) assertHashable(item);
}

/** Builds a set: unique by `==`, first occurrence kept (Python's iteration order is by hash). */
export function makeSet(items: readonly PyValue[]): PyValue {
  const unique: PyValue[] = [];
  for (const item of items) {
    assertHashable(item);
    if (!unique.some((other) => pyEquals(other, item))) unique.push(item);
  }
  return { type: 'set', items: unique };
}
