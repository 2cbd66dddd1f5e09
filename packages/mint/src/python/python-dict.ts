import { pythonRepr } from './python-repr.js';
import { assertHashable, PyException, type PyValue } from './python-value.js';

/** A dict key: a Python value, or a JS string standing for the Python `str`. */
export type PyKeyLike = PyValue | string;

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    lastIdentity += 1;
    id = lastIdentity;
    identities.set(value, id);
  }
  return id;
}

function floatKey(value: number): string {
  return Number.isInteger(value) ? `n:${BigInt(value)}` : `f:${value}`;
}

/**
 * The hash of a key as a string: equal keys (`1 == 1.0 == True`, `(1, 'a') == (1.0, 'a')`) get the
 * same string, unequal ones different strings. Raises `TypeError: unhashable type` as Python does.
 */
export function pyHashKey(key: PyKeyLike): string {
  if (typeof key === 'string') return `s:${key}`;
  switch (key.type) {
    case 'str':
      return `s:${key.value}`;
    case 'int':
      return `n:${key.value}`;
    case 'bool':
      return key.value ? 'n:1' : 'n:0';
    case 'float':
      return floatKey(key.value);
    case 'complex':
      return key.im === 0 ? floatKey(key.re) : `c:${key.re},${key.im}`;
    case 'none':
      return 'None';
    case 'tuple':
      return `t:${JSON.stringify(key.items.map(pyHashKey))}`;
    default:
      assertHashable(key);
      return `o:${identityOf(key)}`;
  }
}

const toValue = (key: PyKeyLike): PyValue => (typeof key === 'string' ? { type: 'str', value: key } : key);

/**
 * A Python `dict`: insertion-ordered, keyed by Python equality (`d[1]` and `d[1.0]` are one entry,
 * `d[1]` and `d['1']` two), mutable. Iterates `[key, value]` pairs like a `Map`.
 */
export class PyDict {
  readonly type = 'dict';
  readonly #entries = new Map<string, [PyValue, PyValue]>();

  constructor(entries: Iterable<readonly [PyKeyLike, PyValue]> = []) {
    for (const [key, value] of entries) this.set(key, value);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: PyKeyLike): PyValue | undefined {
    return this.#entries.get(pyHashKey(key))?.[1];
  }

  /** `d[key]`, raising `KeyError` as Python does. */
  getItem(key: PyKeyLike): PyValue {
    const value = this.get(key);
    if (value === undefined) throw new PyException('KeyError', pythonRepr(toValue(key)));
    return value;
  }

  has(key: PyKeyLike): boolean {
    return this.#entries.has(pyHashKey(key));
  }

  /** `d[key] = value`: an existing entry keeps its key object and position, as in Python. */
  set(key: PyKeyLike, value: PyValue): void {
    const hash = pyHashKey(key);
    const entry = this.#entries.get(hash);
    if (entry) entry[1] = value;
    else this.#entries.set(hash, [toValue(key), value]);
  }

  delete(key: PyKeyLike): boolean {
    return this.#entries.delete(pyHashKey(key));
  }

  clear(): void {
    this.#entries.clear();
  }

  *keys(): IterableIterator<PyValue> {
    for (const [key] of this.#entries.values()) yield key;
  }

  *values(): IterableIterator<PyValue> {
    for (const [, value] of this.#entries.values()) yield value;
  }

  *[Symbol.iterator](): IterableIterator<readonly [PyValue, PyValue]> {
    for (const [key, value] of this.#entries.values()) yield [key, value];
  }
}

/** A deep copy of the lists and dicts in `value` (what `copy.deepcopy` or a fresh `json.load` gives). */
export function pyClone<T extends PyValue>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: PyValue): PyValue {
  if (value.type === 'list') return { type: 'list', items: value.items.map(cloneValue) };
  if (value.type === 'dict') return new PyDict([...value].map(([key, item]) => [key, cloneValue(item)] as const));
  return value;
}
