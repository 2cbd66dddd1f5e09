import { PyException, type PyValue, pyFalse, pyNone, pyTrue } from './python-value.js';
import { type PyToken, tokenizePython } from './tokenize-python.js';

/** A parsed Python expression. */
export type PyNode =
  | { readonly kind: 'constant'; readonly value: PyValue }
  | { readonly kind: 'name'; readonly id: string }
  | { readonly kind: 'list' | 'tuple' | 'set'; readonly items: readonly PyNode[] }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [PyNode, PyNode])[] }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: PyNode }
  | { readonly kind: 'binary'; readonly op: string; readonly left: PyNode; readonly right: PyNode }
  | { readonly kind: 'compare'; readonly first: PyNode; readonly rest: readonly (readonly [string, PyNode])[] }
  | { readonly kind: 'boolean'; readonly op: 'and' | 'or'; readonly values: readonly PyNode[] }
  | { readonly kind: 'conditional'; readonly test: PyNode; readonly body: PyNode; readonly orElse: PyNode }
  | { readonly kind: 'call'; readonly callee: PyNode; readonly args: readonly PyNode[] }
  | { readonly kind: 'attribute'; readonly value: PyNode; readonly name: string }
  | { readonly kind: 'subscript'; readonly value: PyNode; readonly index: PyNode };

const keywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

const syntaxError = (message = 'invalid syntax') => new PyException('SyntaxError', message);
export const unsupported = (what: string) =>
  new PyException('Unsupported', `${what} is not supported by the safe evaluator`);

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

  parseEval(): PyNode {
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
  private expressionList(): PyNode {
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

  private expression(): PyNode {
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

  private orTest(): PyNode {
    const values = [this.andTest()];
    while (this.isKeyword('or')) {
      this.index++;
      values.push(this.andTest());
    }
    return values.length === 1 ? (values[0] as PyNode) : { kind: 'boolean', op: 'or', values };
  }

  private andTest(): PyNode {
    const values = [this.notTest()];
    while (this.isKeyword('and')) {
      this.index++;
      values.push(this.notTest());
    }
    return values.length === 1 ? (values[0] as PyNode) : { kind: 'boolean', op: 'and', values };
  }

  private notTest(): PyNode {
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

  private comparison(): PyNode {
    const first = this.binary(0);
    const rest: [string, PyNode][] = [];
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

  private binary(level: number): PyNode {
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

  private factor(): PyNode {
    const token = this.peek();
    if (token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '~')) {
      this.index++;
      return { kind: 'unary', op: token.text, operand: this.factor() };
    }
    return this.power();
  }

  private power(): PyNode {
    if (this.isKeyword('await')) throw syntaxError();
    const base = this.primary();
    if (!this.isOp('**')) return base;
    this.index++;
    return { kind: 'binary', op: '**', left: base, right: this.factor() };
  }

  private primary(): PyNode {
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
        const args: PyNode[] = [];
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

  private sequence(close: string): PyNode[] {
    const items: PyNode[] = [];
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

  private atom(): PyNode {
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

  private bracketAtom(text: string): PyNode {
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
      const entries: [PyNode, PyNode][] = [];
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

/** Parses one Python expression (`eval` mode); a `SyntaxError` is thrown as `PyException`. */
export function parsePythonExpression(source: string): PyNode {
  return new Parser(tokenizePython(source)).parseEval();
}
