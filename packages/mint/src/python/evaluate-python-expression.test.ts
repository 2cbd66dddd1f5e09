import { describe, expect, it } from 'vitest';
import { evaluatePythonExpression, evaluatePythonLiteral } from './evaluate-python-expression.js';
import { PyException, type PyValue } from './python-value.js';

/** A compact view of a value: ints as `5n`, floats as numbers, containers as arrays. */
function show(value: PyValue): unknown {
  switch (value.type) {
    case 'int':
      return `${value.value}n`;
    case 'float':
    case 'bool':
    case 'str':
      return value.value;
    case 'none':
      return null;
    case 'complex':
      return `${value.re}+${value.im}j`;
    case 'list':
    case 'tuple':
    case 'set':
    case 'ndarray':
      return { [value.type]: value.items.map(show) };
    default:
      return value.type;
  }
}

const evaluate = (source: string) => show(evaluatePythonExpression(source));
const errorOf = (source: string, run: (source: string) => PyValue = evaluatePythonExpression) => {
  try {
    run(source);
    return 'no error';
  } catch (error) {
    return error instanceof PyException ? error.pythonName : String(error);
  }
};

describe('evaluatePythonExpression', () => {
  it('keeps Python numeric semantics', () => {
    expect(evaluate('7 // 2')).toBe('3n');
    expect(evaluate('-7 // 2')).toBe('-4n');
    expect(evaluate('-7 % 3')).toBe('2n');
    expect(evaluate('7 % -3')).toBe('-2n');
    expect(evaluate('7 / 2')).toBe(3.5);
    expect(evaluate('2 ** -1')).toBe(0.5);
    expect(evaluate('-2 ** 2')).toBe('-4n');
    expect(evaluate('2 ^ 3')).toBe('1n');
    expect(evaluate('10 ** 30')).toBe('1000000000000000000000000000000n');
    expect(evaluate('True + 1')).toBe('2n');
    expect(evaluate('0.1 + 0.2')).toBe(0.30000000000000004);
    expect(evaluate('1_000.5')).toBe(1000.5);
    expect(evaluate('0x1F')).toBe('31n');
    expect(evaluate('(-8) ** (1 / 3)')).toBe('1.0000000000000002+1.7320508075688772j');
    expect(evaluate('1e309')).toBe(Number.POSITIVE_INFINITY);
  });

  it('builds containers and compares like Python', () => {
    expect(evaluate('1, 2')).toEqual({ tuple: ['1n', '2n'] });
    expect(evaluate('[1, 2,][0]')).toBe('1n');
    expect(evaluate('{1, 1.0, True}')).toEqual({ set: ['1n'] });
    expect(evaluate('1 < 2 < 3')).toBe(true);
    expect(evaluate('3.0 == 3')).toBe(true);
    expect(evaluate('1 and 0 or 5')).toBe('5n');
    expect(evaluate('"a" "b" * 2')).toBe('abab');
    expect(evaluate("'(a)' in 'x (a)'")).toBe(true);
    expect(evaluate('5 if 0 else 6')).toBe('6n');
  });

  it('knows the builtins answers use, with round half to even', () => {
    expect(evaluate('round(2.5)')).toBe('2n');
    expect(evaluate('round(3.5)')).toBe('4n');
    expect(evaluate('round(-0.5)')).toBe('0n');
    expect(evaluate('round(3.14159, 2)')).toBe(3.14);
    expect(evaluate('abs(-3)')).toBe('3n');
    expect(evaluate('max([1, 3, 2])')).toBe('3n');
    expect(evaluate('min(2, 1.5)')).toBe(1.5);
    expect(evaluate('sum([1, 2.5])')).toBe(3.5);
    expect(evaluate('int("12")')).toBe('12n');
    expect(evaluate('float("1e3")')).toBe(1000);
    expect(evaluate('pow(2, 10)')).toBe('1024n');
    expect(evaluate('divmod(7, 2)')).toEqual({ tuple: ['3n', '1n'] });
  });

  it('raises what Python raises', () => {
    expect(errorOf('007')).toBe('SyntaxError');
    expect(errorOf('1abc')).toBe('SyntaxError');
    expect(errorOf('5!')).toBe('SyntaxError');
    expect(errorOf('√2')).toBe('SyntaxError');
    expect(errorOf('x = 1')).toBe('SyntaxError');
    expect(errorOf('1\n2')).toBe('SyntaxError');
    expect(errorOf('(1, 2')).toBe('SyntaxError');
    expect(errorOf('1 / 0')).toBe('ZeroDivisionError');
    expect(errorOf('pi')).toBe('NameError');
    expect(errorOf('math.pow(10, 3)')).toBe('NameError');
    expect(errorOf('[1][5]')).toBe('IndexError');
    expect(errorOf('{[1]: 2}')).toBe('TypeError');
    expect(errorOf('"a" + 1')).toBe('TypeError');
  });

  it('refuses what it does not model instead of guessing', () => {
    expect(errorOf('[x for x in (1, 2)]')).toBe('Unsupported');
    expect(errorOf('lambda: 1')).toBe('Unsupported');
    expect(errorOf('f"{1}"')).toBe('Unsupported');
  });

  it('evaluates the names it is given', () => {
    const names = new Map<string, PyValue>([['answer', { type: 'int', value: 41n }]]);
    expect(show(evaluatePythonExpression('answer + 1', names))).toBe('42n');
  });

  it('tolerates what eval tolerates around an expression', () => {
    expect(evaluate('  1')).toBe('1n');
    expect(evaluate('\n1\n')).toBe('1n');
    expect(evaluate('1 # comment')).toBe('1n');
    expect(evaluate('(1,\n 2)')).toEqual({ tuple: ['1n', '2n'] });
  });
});

describe('evaluatePythonLiteral', () => {
  const literal = (source: string) => show(evaluatePythonLiteral(source));
  const literalError = (source: string) => errorOf(source, evaluatePythonLiteral);

  it('reads the literals models write as answers, as ast.literal_eval does', () => {
    expect(literal('["Athens", \'Rome\']')).toEqual({ list: ['Athens', 'Rome'] });
    expect(literal("('a', 2, 3.5)")).toEqual({ tuple: ['a', '2n', 3.5] });
    expect(literal("'it\\'s'")).toBe("it's");
    expect(literal('[True, None, -3]')).toEqual({ list: [true, null, '-3n'] });
  });

  it('refuses names, calls and arithmetic, and reports broken syntax', () => {
    expect(literalError('Athens')).toBe('ValueError');
    expect(literalError('1 + 2')).toBe('ValueError');
    expect(literalError('abs(-1)')).toBe('ValueError');
    expect(literalError('[1, 2')).toBe('SyntaxError');
  });
});
