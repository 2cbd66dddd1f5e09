import { pythonBuiltins } from './python-builtins.js';
import { binaryOperation, compareOperation, unaryOperation } from './python-operators.js';
import {
  asBigInt,
  assertHashable,
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
import { type PyToken, tokenizePython } from './tokenize-python.js';

type Node =
  | { readonly kind: 'constant'; readonly value: PyValue }
  | { readonly kind: 'name'; readonly id: string }
  | { readonly kind: 'list' | 'tuple' | 'set'; readonly items: readonly Node[] }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [Node, Node])[] }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Node }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: 'compare'; readonly first: Node; readonly rest: readonly (readonly [string, Node])[] }
  | { readonly kind: 'boolean'; readonly op: 'and' | 'or'; readonly values: readonly Node[] }
  | { readonly kind: 'conditional'; readonly test: Node; readonly body: Node; readonly orElse: Node }
  | { readonly kind: 'call'; readonly callee: Node; readonly args: readonly Node[] }
  | { readonly kind: 'attribute'; readonly value: Node; readonly name: string }
  | { readonly kind: 'subscript'; readonly value: Node; readonly index: Node };

const keywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

const syntaxError = (message = 'invalid syntax') => new PyException('SyntaxError', message);
const unsupported = (what: string) => new PyException('Unsupported', `${what} is not supported by the safe evaluator`);

class Parser {
  private index = 0;
  private readonly tokens: readonly PyToken[];

  constructor(tokens: readonly PyToken[]) {
    this.tokens = tokens;
  }

  private peek(offset = 0): PyToken {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as PyToken;
  }

  private isOp(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.text === text;
  }

  private isKeyword(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'name' && token.text === text;
  }

  private expectOp(text: string): void {
    if (!this.isOp(text)) throw syntaxError();
    this.index++;
  }

  parseEval(): Node {
    while (this.peek().kind === 'newline') this.index++;
    const node = this.expressionList();
    while (this.peek().kind === 'newline') this.index++;
    if (this.peek().kind !== 'end') throw syntaxError();
    return node;
  }

  private atExpressionEnd(): boolean {
    const token = this.peek();
    if (token.kind === 'end' || token.kind === 'newline') return true;
    return token.kind === 'op' && [')', ']', '}', ':', '=', ';'].includes(token.text);
  }

  /** `a, b, c` (a tuple when a comma appears) or a single expression. */
  private expressionList(): Node {
    const first = this.expression();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.index++;
      if (this.atExpressionEnd()) break;
      items.push(this.expression());
    }
    return { kind: 'tuple', items };
  }

  private expression(): Node {
    if (this.isKeyword('lambda')) throw unsupported('lambda');
    if (this.isOp('*')) throw syntaxError();
    const body = this.orTest();
    if (!this.isKeyword('if')) return body;
    this.index++;
    const test = this.orTest();
    if (!this.isKeyword('else')) throw syntaxError();
    this.index++;
    const orElse = this.expression();
    return { kind: 'conditional', test, body, orElse };
  }

  private orTest(): Node {
    const values = [this.andTest()];
    while (this.isKeyword('or')) {
      this.index++;
      values.push(this.andTest());
    }
    return values.length === 1 ? (values[0] as Node) : { kind: 'boolean', op: 'or', values };
  }

  private andTest(): Node {
    const values = [this.notTest()];
    while (this.isKeyword('and')) {
      this.index++;
      values.push(this.notTest());
    }
    return values.length === 1 ? (values[0] as Node) : { kind: 'boolean', op: 'and', values };
  }

  private notTest(): Node {
    if (this.isKeyword('not')) {
      this.index++;
      return { kind: 'unary', op: 'not', operand: this.notTest() };
    }
    return this.comparison();
  }

  private comparisonOperator(): string | undefined {
    const token = this.peek();
    if (token.kind === 'op' && ['<', '>', '==', '>=', '<=', '!='].includes(token.text)) {
      this.index++;
      return token.text;
    }
    if (this.isKeyword('in')) {
      this.index++;
      return 'in';
    }
    if (this.isKeyword('not') && this.isKeyword('in', 1)) {
      this.index += 2;
      return 'not in';
    }
    if (this.isKeyword('is')) {
      this.index++;
      if (this.isKeyword('not')) {
        this.index++;
        return 'is not';
      }
      return 'is';
    }
    return undefined;
  }

  private comparison(): Node {
    const first = this.binary(0);
    const rest: [string, Node][] = [];
    for (let op = this.comparisonOperator(); op !== undefined; op = this.comparisonOperator()) {
      rest.push([op, this.binary(0)]);
    }
    return rest.length === 0 ? first : { kind: 'compare', first, rest };
  }

  private static readonly levels: readonly (readonly string[])[] = [
    ['|'],
    ['^'],
    ['&'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '//', '%', '@'],
  ];

  private binary(level: number): Node {
    if (level === Parser.levels.length) return this.factor();
    let left = this.binary(level + 1);
    const ops = Parser.levels[level] as readonly string[];
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op' || !ops.includes(token.text)) return left;
      this.index++;
      left = { kind: 'binary', op: token.text, left, right: this.binary(level + 1) };
    }
  }

  private factor(): Node {
    const token = this.peek();
    if (token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '~')) {
      this.index++;
      return { kind: 'unary', op: token.text, operand: this.factor() };
    }
    return this.power();
  }

  private power(): Node {
    if (this.isKeyword('await')) throw syntaxError();
    const base = this.primary();
    if (!this.isOp('**')) return base;
    this.index++;
    return { kind: 'binary', op: '**', left: base, right: this.factor() };
  }

  private primary(): Node {
    let node = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.index++;
        const name = this.peek();
        if (name.kind !== 'name' || keywords.has(name.text)) throw syntaxError();
        this.index++;
        node = { kind: 'attribute', value: node, name: name.text };
      } else if (this.isOp('(')) {
        this.index++;
        const args: Node[] = [];
        while (!this.isOp(')')) {
          if (this.isOp('*') || this.isOp('**')) throw unsupported('argument unpacking');
          if (this.peek().kind === 'name' && this.isOp('=', 1)) throw unsupported('keyword arguments');
          args.push(this.expression());
          if (this.isKeyword('for')) throw unsupported('generator expressions');
          if (!this.isOp(',')) break;
          this.index++;
        }
        this.expectOp(')');
        node = { kind: 'call', callee: node, args };
      } else if (this.isOp('[')) {
        this.index++;
        if (this.isOp(':')) throw unsupported('slices');
        const index = this.expressionList();
        if (this.isOp(':')) throw unsupported('slices');
        this.expectOp(']');
        node = { kind: 'subscript', value: node, index };
      } else {
        return node;
      }
    }
  }

  private sequence(close: string): Node[] {
    const items: Node[] = [];
    while (!this.isOp(close)) {
      if (this.isOp('*')) throw unsupported('unpacking');
      items.push(this.expression());
      if (this.isKeyword('for')) throw unsupported('comprehensions');
      if (!this.isOp(',')) break;
      this.index++;
    }
    this.expectOp(close);
    return items;
  }

  private atom(): Node {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.index++;
        return { kind: 'constant', value: parseNumber(token.text) };
      case 'string': {
        let value = '';
        let bytes: boolean | undefined;
        while (this.peek().kind === 'string') {
          const part = this.peek() as Extract<PyToken, { kind: 'string' }>;
          if (part.formatted) throw unsupported('f-strings');
          if (bytes !== undefined && bytes !== part.bytes) throw syntaxError('cannot mix bytes and nonbytes literals');
          bytes = part.bytes;
          value += part.value;
          this.index++;
        }
        return { kind: 'constant', value: bytes ? { type: 'opaque', name: 'bytes' } : { type: 'str', value } };
      }
      case 'name': {
        this.index++;
        if (token.text === 'True') return { kind: 'constant', value: pyTrue };
        if (token.text === 'False') return { kind: 'constant', value: pyFalse };
        if (token.text === 'None') return { kind: 'constant', value: pyNone };
        if (keywords.has(token.text)) throw syntaxError();
        return { kind: 'name', id: token.text };
      }
      case 'op':
        return this.bracketAtom(token.text);
      default:
        throw syntaxError();
    }
  }

  private bracketAtom(text: string): Node {
    this.index++;
    if (text === '...') return { kind: 'constant', value: { type: 'opaque', name: 'ellipsis' } };
    if (text === '(') {
      if (this.isOp(')')) {
        this.index++;
        return { kind: 'tuple', items: [] };
      }
      if (this.isKeyword('yield')) throw syntaxError();
      const inner = this.expressionList();
      if (this.isKeyword('for')) throw unsupported('generator expressions');
      this.expectOp(')');
      return inner;
    }
    if (text === '[') return { kind: 'list', items: this.sequence(']') };
    if (text === '{') {
      if (this.isOp('}')) {
        this.index++;
        return { kind: 'dict', entries: [] };
      }
      const first = this.expression();
      if (!this.isOp(':')) {
        if (this.isKeyword('for')) throw unsupported('comprehensions');
        const items = [first];
        while (this.isOp(',')) {
          this.index++;
          if (this.isOp('}')) break;
          items.push(this.expression());
        }
        this.expectOp('}');
        return { kind: 'set', items };
      }
      const entries: [Node, Node][] = [];
      let key = first;
      for (;;) {
        this.expectOp(':');
        entries.push([key, this.expression()]);
        if (this.isKeyword('for')) throw unsupported('comprehensions');
        if (!this.isOp(',')) break;
        this.index++;
        if (this.isOp('}')) break;
        key = this.expression();
      }
      this.expectOp('}');
      return { kind: 'dict', entries };
    }
    throw syntaxError();
  }
}

function parseNumber(text: string): PyValue {
  const clean = text.replaceAll('_', '');
  if (/[jJ]$/.test(clean)) return { type: 'complex', re: 0, im: Number(clean.slice(0, -1)) };
  if (/^0[xXoObB]/.test(clean)) return { type: 'int', value: BigInt(clean.toLowerCase()) };
  if (/[.eE]/.test(clean)) return { type: 'float', value: Number(clean) };
  return { type: 'int', value: BigInt(clean) };
}

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
  if (value.type === 'dict') {
    assertHashable(index);
    const entry = value.entries.find(([key]) => compareOperation('==', key, index));
    if (!entry) throw new PyException('KeyError', 'key not found');
    return entry[1];
  }
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

function evaluate(node: Node, names: ReadonlyMap<string, PyValue>): PyValue {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'name': {
      const value = names.get(node.id) ?? pythonBuiltins.get(node.id);
      if (!value) throw new PyException('NameError', `name '${node.id}' is not defined`);
      return value;
    }
    case 'list':
    case 'tuple':
      return { type: node.kind, items: node.items.map((item) => evaluate(item, names)) };
    case 'set':
      return makeSet(node.items.map((item) => evaluate(item, names)));
    case 'dict':
      return {
        type: 'dict',
        entries: node.entries.map(([key, value]) => {
          const k = evaluate(key, names);
          assertHashable(k);
          return [k, evaluate(value, names)] as const;
        }),
      };
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
  const tokens = tokenizePython(source);
  const tree = new Parser(tokens).parseEval();
  return evaluate(tree, names);
}
