import { type PyNode, parsePythonExpression, unsupported } from './parse-python-expression.js';
import { pythonBuiltins } from './python-builtins.js';
import { PyDict } from './python-dict.js';
import { binaryOperation, compareOperation, unaryOperation } from './python-operators.js';
import { pyStrip } from './python-string.js';
import {
  asBigInt,
  makeSet,
  PyException,
  type PyValue,
  pyBool,
  pyFalse,
  pyNone,
  pyTrue,
  truthy,
  typeName,
} from './python-value.js';

function attribute(value: PyValue, name: string): PyValue {
  if (value.type === 'module') {
    const found = value.attributes.get(name);
    if (found) return found;
    throw unsupported(`${value.name}.${name}`);
  }
  if (value.type === 'complex' && (name === 'real' || name === 'imag')) {
    return { type: 'float', value: name === 'real' ? value.re : value.im };
  }
  if (
    (value.type === 'float' || value.type === 'int' || value.type === 'bool') &&
    (name === 'real' || name === 'imag')
  ) {
    if (name === 'imag') return value.type === 'float' ? { type: 'float', value: 0 } : { type: 'int', value: 0n };
    return value.type === 'bool' ? { type: 'int', value: value.value ? 1n : 0n } : value;
  }
  throw unsupported(`attribute .${name} of ${typeName(value)}`);
}

function subscript(value: PyValue, index: PyValue): PyValue {
  if (value.type === 'dict') return value.getItem(index);
  const position = asBigInt(index);
  const items =
    value.type === 'str'
      ? [...value.value].map((char): PyValue => ({ type: 'str', value: char }))
      : value.type === 'list' || value.type === 'tuple' || value.type === 'ndarray'
        ? value.items
        : undefined;
  if (!items) throw new PyException('TypeError', `'${typeName(value)}' object is not subscriptable`);
  if (position === undefined) throw new PyException('TypeError', 'indices must be integers');
  const at = Number(position < 0n ? position + BigInt(items.length) : position);
  const item = items[at];
  if (at < 0 || item === undefined) throw new PyException('IndexError', 'index out of range');
  return item;
}

function evaluate(node: PyNode, names: ReadonlyMap<string, PyValue>): PyValue {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'name': {
      const value = names.get(node.id) ?? pythonBuiltins.get(node.id);
      if (!value) throw new PyException('NameError', `name '${node.id}' is not defined`);
      return value;
    }
    case 'list':
      return { type: 'list', items: node.items.map((item) => evaluate(item, names)) };
    case 'tuple':
      return { type: 'tuple', items: node.items.map((item) => evaluate(item, names)) };
    case 'set':
      return makeSet(node.items.map((item) => evaluate(item, names)));
    case 'dict':
      return new PyDict(node.entries.map(([key, value]) => [evaluate(key, names), evaluate(value, names)] as const));
    case 'unary': {
      const operand = evaluate(node.operand, names);
      return node.op === 'not' ? pyBool(!truthy(operand)) : unaryOperation(node.op, operand);
    }
    case 'binary':
      return binaryOperation(node.op, evaluate(node.left, names), evaluate(node.right, names));
    case 'compare': {
      let left = evaluate(node.first, names);
      for (const [op, rightNode] of node.rest) {
        const right = evaluate(rightNode, names);
        if (!compareOperation(op, left, right)) return pyFalse;
        left = right;
      }
      return pyTrue;
    }
    case 'boolean': {
      let value = pyNone;
      for (const item of node.values) {
        value = evaluate(item, names);
        if (truthy(value) === (node.op === 'or')) return value;
      }
      return value;
    }
    case 'conditional':
      return truthy(evaluate(node.test, names)) ? evaluate(node.body, names) : evaluate(node.orElse, names);
    case 'call': {
      const callee = evaluate(node.callee, names);
      const args = node.args.map((arg) => evaluate(arg, names));
      if (callee.type !== 'function')
        throw new PyException('TypeError', `'${typeName(callee)}' object is not callable`);
      return callee.call(args);
    }
    case 'attribute':
      return attribute(evaluate(node.value, names), node.name);
    case 'subscript':
      return subscript(evaluate(node.value, names), evaluate(node.index, names));
  }
}

/**
 * Evaluates one Python expression without running any code: literals, arithmetic with Python's
 * numeric semantics (big ints, float, complex, bool), containers, comparisons, a handful of
 * builtins and the given names. Python errors (including `SyntaxError` and `NameError`) are thrown
 * as `PyException`; constructs the evaluator does not model throw `PyException('Unsupported')`.
 */
export function evaluatePythonExpression(source: string, names: ReadonlyMap<string, PyValue> = new Map()): PyValue {
  return evaluate(parsePythonExpression(source), names);
}

function isLiteral(node: PyNode): boolean {
  switch (node.kind) {
    case 'constant':
      return true;
    case 'list':
    case 'tuple':
    case 'set':
      return node.items.every(isLiteral);
    case 'dict':
      return node.entries.every(([key, value]) => isLiteral(key) && isLiteral(value));
    case 'unary':
      return (node.op === '-' || node.op === '+') && node.operand.kind === 'constant';
    default:
      return false;
  }
}

/**
 * Python's `ast.literal_eval`: strings, numbers, `True`/`False`/`None` and containers of them (and a
 * signed number); anything else is `ValueError('malformed node or string')`.
 */
export function evaluatePythonLiteral(source: string): PyValue {
  const tree = parsePythonExpression(pyStrip(source));
  if (!isLiteral(tree)) throw new PyException('ValueError', 'malformed node or string');
  return evaluate(tree, new Map());
}
