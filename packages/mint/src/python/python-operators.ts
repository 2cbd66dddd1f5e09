import {
  asBigInt,
  asNumber,
  compareReal,
  isReal,
  makeSet,
  PyException,
  type PyValue,
  pyBool,
  pyEquals,
  pyFloat,
  pyInt,
  typeName,
} from './python-value.js';

/** Results larger than this many bits are refused instead of computed (Python would just be slow). */
const maxIntBits = 100_000n;

type Complex = { re: number; im: number };

function unsupportedOperands(op: string, left: PyValue, right: PyValue): PyException {
  return new PyException(
    'TypeError',
    `unsupported operand type(s) for ${op}: '${typeName(left)}' and '${typeName(right)}'`,
  );
}

function asComplex(value: PyValue): Complex | undefined {
  if (value.type === 'complex') return { re: value.re, im: value.im };
  const number = asNumber(value);
  return number === undefined ? undefined : { re: number, im: 0 };
}

const complex = (re: number, im: number): PyValue => ({ type: 'complex', re, im });

function intToFloat(value: bigint): number {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new PyException('OverflowError', 'int too large to convert to float');
  return number;
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

function pyModFloat(a: number, b: number): number {
  const mod = a % b;
  if (mod !== 0 && mod < 0 !== b < 0) return mod + b;
  return mod === 0 ? (b < 0 ? -0 : 0) : mod;
}

/** CPython's `float_floor_div`. */
function floatFloorDiv(x: number, y: number): number {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) {
    mod += y;
    div -= 1;
  }
  if (div === 0) return Object.is(x / y, -0) || x / y < 0 ? -0 : 0;
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

function complexPow(base: Complex, exponent: Complex): PyValue {
  if (exponent.re === 0 && exponent.im === 0) return complex(1, 0);
  if (base.re === 0 && base.im === 0) {
    if (exponent.im !== 0 || exponent.re < 0)
      throw new PyException('ZeroDivisionError', '0.0 to a negative or complex power');
    return complex(0, 0);
  }
  const magnitude = Math.hypot(base.re, base.im);
  let length = magnitude ** exponent.re;
  const angle = Math.atan2(base.im, base.re);
  let phase = angle * exponent.re;
  if (exponent.im !== 0) {
    length /= Math.exp(angle * exponent.im);
    phase += exponent.im * Math.log(magnitude);
  }
  return complex(length * Math.cos(phase), length * Math.sin(phase));
}

function power(left: PyValue, right: PyValue): PyValue {
  const a = asBigInt(left);
  const b = asBigInt(right);
  if (a !== undefined && b !== undefined) {
    if (b >= 0n) {
      const bits = BigInt(a === 0n ? 0 : a.toString(2).length) * b;
      if (bits > maxIntBits) throw new PyException('Unsupported', 'integer result too large');
      return pyInt(a ** b);
    }
    if (a === 0n) throw new PyException('ZeroDivisionError', '0.0 cannot be raised to a negative power');
    return pyFloat(intToFloat(a) ** Number(b));
  }
  if (isReal(left) && isReal(right)) {
    const x = asNumber(left) as number;
    const y = asNumber(right) as number;
    if (x === 0 && y < 0) throw new PyException('ZeroDivisionError', '0.0 cannot be raised to a negative power');
    if (x < 0 && Number.isFinite(y) && !Number.isInteger(y)) return complexPow({ re: x, im: 0 }, { re: y, im: 0 });
    if (x === 1 || y === 0) return pyFloat(1);
    const result = x ** y;
    if (!Number.isFinite(result) && Number.isFinite(x) && Number.isFinite(y)) {
      throw new PyException('OverflowError', 'Numerical result out of range');
    }
    return pyFloat(result);
  }
  const base = asComplex(left);
  const exponent = asComplex(right);
  if (base && exponent) return complexPow(base, exponent);
  throw unsupportedOperands('** or pow()', left, right);
}

function sequenceRepeat(sequence: PyValue, count: PyValue): PyValue | undefined {
  const times = asBigInt(count);
  if (times === undefined) return undefined;
  const n = times < 0n ? 0 : Number(times);
  if (sequence.type === 'str') {
    if (n * sequence.value.length > 10_000_000) throw new PyException('Unsupported', 'string too large');
    return { type: 'str', value: sequence.value.repeat(n) };
  }
  if (sequence.type === 'list' || sequence.type === 'tuple') {
    if (n * sequence.items.length > 1_000_000) throw new PyException('Unsupported', 'sequence too large');
    return { type: sequence.type, items: Array.from({ length: n }, () => sequence.items).flat() };
  }
  return undefined;
}

function arithmetic(op: string, left: PyValue, right: PyValue): PyValue {
  const a = asBigInt(left);
  const b = asBigInt(right);
  if (a !== undefined && b !== undefined) {
    switch (op) {
      case '+':
        return pyInt(a + b);
      case '-':
        return pyInt(a - b);
      case '*':
        return pyInt(a * b);
      case '/':
        if (b === 0n) throw new PyException('ZeroDivisionError', 'division by zero');
        return pyFloat(Number(a) / Number(b));
      case '//':
        if (b === 0n) throw new PyException('ZeroDivisionError', 'integer division or modulo by zero');
        return pyInt(floorDivBig(a, b));
      case '%':
        if (b === 0n) throw new PyException('ZeroDivisionError', 'integer division or modulo by zero');
        return pyInt(a - b * floorDivBig(a, b));
    }
  }
  if (isReal(left) && isReal(right)) {
    const x = left.type === 'float' ? left.value : intToFloat(a as bigint);
    const y = right.type === 'float' ? right.value : intToFloat(b as bigint);
    switch (op) {
      case '+':
        return pyFloat(x + y);
      case '-':
        return pyFloat(x - y);
      case '*':
        return pyFloat(x * y);
      case '/':
        if (y === 0) throw new PyException('ZeroDivisionError', 'float division by zero');
        return pyFloat(x / y);
      case '//':
        if (y === 0) throw new PyException('ZeroDivisionError', 'float floor division by zero');
        return pyFloat(floatFloorDiv(x, y));
      case '%':
        if (y === 0) throw new PyException('ZeroDivisionError', 'float modulo');
        return pyFloat(pyModFloat(x, y));
    }
  }
  const x = asComplex(left);
  const y = asComplex(right);
  if (x && y && (op === '+' || op === '-' || op === '*' || op === '/')) {
    switch (op) {
      case '+':
        return complex(x.re + y.re, x.im + y.im);
      case '-':
        return complex(x.re - y.re, x.im - y.im);
      case '*':
        return complex(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re);
      default: {
        const denominator = y.re * y.re + y.im * y.im;
        if (denominator === 0) throw new PyException('ZeroDivisionError', 'complex division by zero');
        return complex((x.re * y.re + x.im * y.im) / denominator, (x.im * y.re - x.re * y.im) / denominator);
      }
    }
  }
  if (op === '+') {
    if (left.type === 'str' && right.type === 'str') return { type: 'str', value: left.value + right.value };
    if ((left.type === 'list' && right.type === 'list') || (left.type === 'tuple' && right.type === 'tuple')) {
      return { type: left.type, items: [...left.items, ...right.items] };
    }
  }
  if (op === '*') {
    const repeated = sequenceRepeat(left, right) ?? sequenceRepeat(right, left);
    if (repeated) return repeated;
  }
  throw unsupportedOperands(op, left, right);
}

function bitwise(op: string, left: PyValue, right: PyValue): PyValue {
  if (left.type === 'bool' && right.type === 'bool' && (op === '&' || op === '|' || op === '^')) {
    if (op === '&') return pyBool(left.value && right.value);
    if (op === '|') return pyBool(left.value || right.value);
    return pyBool(left.value !== right.value);
  }
  const a = asBigInt(left);
  const b = asBigInt(right);
  if (a === undefined || b === undefined) {
    if ((op === '|' || op === '&' || op === '^') && left.type === 'set' && right.type === 'set') {
      const inRight = (item: PyValue) => right.items.some((other) => pyEquals(item, other));
      const inLeft = (item: PyValue) => left.items.some((other) => pyEquals(item, other));
      if (op === '|') return makeSet([...left.items, ...right.items]);
      if (op === '&') return makeSet(left.items.filter(inRight));
      return makeSet([...left.items.filter((item) => !inRight(item)), ...right.items.filter((item) => !inLeft(item))]);
    }
    throw unsupportedOperands(op, left, right);
  }
  switch (op) {
    case '&':
      return pyInt(a & b);
    case '|':
      return pyInt(a | b);
    case '^':
      return pyInt(a ^ b);
    case '<<':
      if (b < 0n) throw new PyException('ValueError', 'negative shift count');
      if (b > maxIntBits) throw new PyException('Unsupported', 'integer result too large');
      return pyInt(a << b);
    default:
      if (b < 0n) throw new PyException('ValueError', 'negative shift count');
      return pyInt(a >> b);
  }
}

/** `left <op> right` for the binary operators. */
export function binaryOperation(op: string, left: PyValue, right: PyValue): PyValue {
  switch (op) {
    case '**':
      return power(left, right);
    case '+':
    case '-':
    case '*':
    case '/':
    case '//':
    case '%':
      return arithmetic(op, left, right);
    case '&':
    case '|':
    case '^':
    case '<<':
    case '>>':
      return bitwise(op, left, right);
    default:
      throw unsupportedOperands(op, left, right);
  }
}

/** `-x`, `+x`, `~x`. */
export function unaryOperation(op: string, operand: PyValue): PyValue {
  const big = asBigInt(operand);
  if (op === '~') {
    if (big === undefined) throw new PyException('TypeError', `bad operand type for unary ~: '${typeName(operand)}'`);
    return pyInt(~big);
  }
  if (big !== undefined) return pyInt(op === '-' ? -big : big);
  if (operand.type === 'float') return pyFloat(op === '-' ? -operand.value : operand.value);
  if (operand.type === 'complex') return op === '-' ? complex(-operand.re, -operand.im) : operand;
  throw new PyException('TypeError', `bad operand type for unary ${op}: '${typeName(operand)}'`);
}

function orderSequences(left: readonly PyValue[], right: readonly PyValue[]): number {
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const a = left[i] as PyValue;
    const b = right[i] as PyValue;
    if (!pyEquals(a, b)) return order(a, b);
  }
  return left.length - right.length;
}

function order(left: PyValue, right: PyValue): number {
  const numeric = compareReal(left, right);
  if (numeric !== undefined) return numeric;
  if (left.type === 'str' && right.type === 'str')
    return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
  if ((left.type === 'list' && right.type === 'list') || (left.type === 'tuple' && right.type === 'tuple')) {
    return orderSequences(left.items, right.items);
  }
  throw new PyException(
    'TypeError',
    `'<' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`,
  );
}

function contains(container: PyValue, item: PyValue): boolean {
  if (container.type === 'str') {
    if (item.type !== 'str') throw new PyException('TypeError', "'in <string>' requires string as left operand");
    return container.value.includes(item.value);
  }
  if (
    container.type === 'list' ||
    container.type === 'tuple' ||
    container.type === 'set' ||
    container.type === 'ndarray'
  ) {
    return container.items.some((other) => pyEquals(other, item));
  }
  if (container.type === 'dict') return container.has(item);
  throw new PyException('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

function identical(left: PyValue, right: PyValue): boolean {
  if (left.type === 'none' || left.type === 'bool') return left.type === right.type && pyEquals(left, right);
  // CPython caches small ints, so `1 is 1` holds.
  if (left.type === 'int' && right.type === 'int')
    return left.value === right.value && left.value >= -5n && left.value <= 256n;
  return left === right;
}

/** One link of a comparison chain (`<`, `==`, `in`, `is not`, …). */
export function compareOperation(op: string, left: PyValue, right: PyValue): boolean {
  switch (op) {
    case '==':
      return pyEquals(left, right);
    case '!=':
      return !pyEquals(left, right);
    case 'in':
      return contains(right, left);
    case 'not in':
      return !contains(right, left);
    case 'is':
      return identical(left, right);
    case 'is not':
      return !identical(left, right);
    default: {
      const result = order(left, right);
      if (Number.isNaN(result)) return false;
      if (op === '<') return result < 0;
      if (op === '<=') return result <= 0;
      if (op === '>') return result > 0;
      return result >= 0;
    }
  }
}
