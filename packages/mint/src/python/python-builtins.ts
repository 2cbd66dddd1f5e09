import { parsePythonFloat } from './python-float.js';
import { binaryOperation, compareOperation } from './python-operators.js';
import { pyStrip, toAsciiDigits } from './python-string.js';
import {
  asBigInt,
  asNumber,
  isReal,
  makeSet,
  PyException,
  type PyValue,
  pyBool,
  pyFloat,
  pyInt,
  pyNone,
  truthy,
  typeName,
} from './python-value.js';

type Call = (args: readonly PyValue[]) => PyValue;

const fn = (name: string, call: Call): PyValue => ({ type: 'function', name, call });

function arity(name: string, args: readonly PyValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw new PyException(
      'TypeError',
      `${name}() takes ${min === max ? min : `${min} to ${max}`} arguments (${args.length} given)`,
    );
  }
}

/** Iterates a Python iterable. */
export function iterate(value: PyValue): readonly PyValue[] {
  switch (value.type) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'ndarray':
      return value.items;
    case 'str':
      return [...value.value].map((char) => ({ type: 'str', value: char }) as const);
    case 'dict':
      return [...value.keys()];
    default:
      throw new PyException('TypeError', `'${typeName(value)}' object is not iterable`);
  }
}

function realArgument(name: string, value: PyValue): number {
  const number = asNumber(value);
  if (number === undefined) throw new PyException('TypeError', `must be real number, not ${typeName(value)}`);
  if (!Number.isFinite(number) && value.type !== 'float')
    throw new PyException('OverflowError', `${name}: int too large`);
  return number;
}

/** `round(x)` on a float: to the nearest int, ties to even, exactly. */
export function roundHalfEven(value: number): bigint {
  if (Number.isNaN(value)) throw new PyException('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(value)) throw new PyException('OverflowError', 'cannot convert float infinity to integer');
  const floor = Math.floor(value);
  const fraction = value - floor;
  const rounded = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return BigInt(rounded);
}

function roundDigits(value: PyValue, digits: bigint): PyValue {
  const big = asBigInt(value);
  if (big !== undefined) {
    if (digits >= 0n) return pyInt(big);
    const unit = 10n ** -digits;
    const quotient = big / unit;
    const remainder = big - quotient * unit;
    const twice = 2n * (remainder < 0n ? -remainder : remainder);
    let result = quotient;
    if (twice > unit || (twice === unit && quotient % 2n !== 0n)) result += big < 0n ? -1n : 1n;
    return pyInt(result * unit);
  }
  if (value.type !== 'float')
    throw new PyException('TypeError', `type ${typeName(value)} doesn't define __round__ method`);
  if (!Number.isFinite(value.value)) return value;
  const n = Number(digits);
  if (n > 300) return value;
  if (n >= 0 && n <= 100 && Math.abs(value.value) < 1e21) return pyFloat(Number(value.value.toFixed(n)));
  const scale = 10 ** -n;
  return pyFloat(Number(roundHalfEven(value.value / scale)) * scale);
}

function round(args: readonly PyValue[]): PyValue {
  arity('round', args, 1, 2);
  const value = args[0] as PyValue;
  const digits = args[1];
  if (digits !== undefined && digits.type !== 'none') {
    const n = asBigInt(digits);
    if (n === undefined)
      throw new PyException('TypeError', `'${typeName(digits)}' object cannot be interpreted as an integer`);
    return roundDigits(value, n);
  }
  if (value.type === 'float') return pyInt(roundHalfEven(value.value));
  const big = asBigInt(value);
  if (big !== undefined) return pyInt(big);
  throw new PyException('TypeError', `type ${typeName(value)} doesn't define __round__ method`);
}

function toInt(args: readonly PyValue[]): PyValue {
  arity('int', args, 0, 1);
  const value = args[0];
  if (value === undefined) return pyInt(0n);
  const big = asBigInt(value);
  if (big !== undefined) return pyInt(big);
  if (value.type === 'float') {
    if (!Number.isFinite(value.value)) {
      throw new PyException(
        Number.isNaN(value.value) ? 'ValueError' : 'OverflowError',
        'cannot convert float to integer',
      );
    }
    return pyInt(BigInt(Math.trunc(value.value)));
  }
  if (value.type === 'str') {
    const text = toAsciiDigits(pyStrip(value.value));
    if (!/^[+-]?[0-9](?:_?[0-9])*$/.test(text)) {
      throw new PyException('ValueError', `invalid literal for int() with base 10: '${value.value}'`);
    }
    return pyInt(BigInt(text.replaceAll('_', '')));
  }
  throw new PyException('TypeError', `int() argument must be a string or a real number, not '${typeName(value)}'`);
}

function toFloat(args: readonly PyValue[]): PyValue {
  arity('float', args, 0, 1);
  const value = args[0];
  if (value === undefined) return pyFloat(0);
  if (value.type === 'str') {
    const parsed = parsePythonFloat(value.value);
    if (parsed === undefined)
      throw new PyException('ValueError', `could not convert string to float: '${value.value}'`);
    return pyFloat(parsed);
  }
  if (isReal(value)) return pyFloat(realArgument('float', value));
  throw new PyException('TypeError', `float() argument must be a string or a real number, not '${typeName(value)}'`);
}

function toComplex(args: readonly PyValue[]): PyValue {
  arity('complex', args, 0, 2);
  const [re = pyInt(0n), im = pyInt(0n)] = args;
  const real = re.type === 'complex' ? re : { re: realArgument('complex', re), im: 0 };
  const imaginary = im.type === 'complex' ? im : { re: realArgument('complex', im), im: 0 };
  return { type: 'complex', re: real.re - imaginary.im, im: real.im + imaginary.re };
}

function extreme(name: string, isBetter: (item: PyValue, best: PyValue) => boolean): Call {
  return (args) => {
    if (args.length === 0) throw new PyException('TypeError', `${name} expected at least 1 argument, got 0`);
    const items = args.length === 1 ? iterate(args[0] as PyValue) : args;
    if (items.length === 0) throw new PyException('ValueError', `${name}() arg is an empty sequence`);
    let best = items[0] as PyValue;
    for (const item of items.slice(1)) if (isBetter(item, best)) best = item;
    return best;
  };
}

function sum(args: readonly PyValue[]): PyValue {
  arity('sum', args, 1, 2);
  let total = args[1] ?? pyInt(0n);
  for (const item of iterate(args[0] as PyValue)) total = binaryOperation('+', total, item);
  return total;
}

function abs(args: readonly PyValue[]): PyValue {
  arity('abs', args, 1);
  const value = args[0] as PyValue;
  const big = asBigInt(value);
  if (big !== undefined) return pyInt(big < 0n ? -big : big);
  if (value.type === 'float') return pyFloat(Math.abs(value.value));
  if (value.type === 'complex') return pyFloat(Math.hypot(value.re, value.im));
  throw new PyException('TypeError', `bad operand type for abs(): '${typeName(value)}'`);
}

function len(args: readonly PyValue[]): PyValue {
  arity('len', args, 1);
  const value = args[0] as PyValue;
  if (value.type === 'str') return pyInt([...value.value].length);
  if (value.type === 'dict') return pyInt(value.size);
  if (value.type === 'list' || value.type === 'tuple' || value.type === 'set' || value.type === 'ndarray') {
    return pyInt(value.items.length);
  }
  throw new PyException('TypeError', `object of type '${typeName(value)}' has no len()`);
}

function sorted(args: readonly PyValue[]): PyValue {
  arity('sorted', args, 1);
  return { type: 'list', items: sortValues(iterate(args[0] as PyValue)) };
}

/** `sorted(items)`: stable, by Python's `<`. */
export function sortValues(items: readonly PyValue[]): PyValue[] {
  return [...items].sort((a, b) => (compareOperation('<', a, b) ? -1 : compareOperation('<', b, a) ? 1 : 0));
}

/** The builtins the evaluator models; other Python builtins are treated as unavailable names. */
export const pythonBuiltins: ReadonlyMap<string, PyValue> = new Map<string, PyValue>([
  ['abs', fn('abs', abs)],
  ['round', fn('round', round)],
  [
    'pow',
    fn('pow', (args) => {
      arity('pow', args, 2, 3);
      const result = binaryOperation('**', args[0] as PyValue, args[1] as PyValue);
      return args[2] === undefined ? result : binaryOperation('%', result, args[2]);
    }),
  ],
  [
    'min',
    fn(
      'min',
      extreme('min', (item, best) => compareOperation('<', item, best)),
    ),
  ],
  [
    'max',
    fn(
      'max',
      extreme('max', (item, best) => compareOperation('<', best, item)),
    ),
  ],
  ['sum', fn('sum', sum)],
  ['int', fn('int', toInt)],
  ['float', fn('float', toFloat)],
  ['complex', fn('complex', toComplex)],
  [
    'bool',
    fn('bool', (args) => {
      arity('bool', args, 0, 1);
      return pyBool(args[0] !== undefined && truthy(args[0]));
    }),
  ],
  ['len', fn('len', len)],
  [
    'divmod',
    fn('divmod', (args) => {
      arity('divmod', args, 2);
      const [a, b] = args as [PyValue, PyValue];
      return { type: 'tuple', items: [binaryOperation('//', a, b), binaryOperation('%', a, b)] };
    }),
  ],
  [
    'list',
    fn('list', (args) => {
      arity('list', args, 0, 1);
      return { type: 'list', items: args[0] === undefined ? [] : [...iterate(args[0])] };
    }),
  ],
  [
    'tuple',
    fn('tuple', (args) => {
      arity('tuple', args, 0, 1);
      return { type: 'tuple', items: args[0] === undefined ? [] : iterate(args[0]) };
    }),
  ],
  [
    'set',
    fn('set', (args) => {
      arity('set', args, 0, 1);
      return makeSet(args[0] === undefined ? [] : iterate(args[0]));
    }),
  ],
  ['sorted', fn('sorted', sorted)],
  [
    'str',
    fn('str', (args) => {
      arity('str', args, 0, 1);
      const value = args[0];
      if (value === undefined) return { type: 'str', value: '' };
      if (value.type === 'str') return value;
      throw new PyException('Unsupported', 'str() of non-strings is not modelled');
    }),
  ],
  ['print', fn('print', () => pyNone)],
]);
