import { PyException, type PyValue, pyFloat, pyRaise, pyStr } from '@codeact/mint';

/**
 * Upstream's Calculator, list semantics included: parentheses are reduced from the first `(` to the
 * first `)` (so nesting fails), then `*` `/` and `+` `-` left to right, with Python's negative
 * indexing and slice assignment (a leading minus makes the list grow without end upstream; here the
 * loop gives up after a bound).
 */
type Item = number | string;

const maxSteps = 10_000;

function indexOf(list: Item[], item: string): number {
  const index = list.indexOf(item);
  if (index === -1) throw new PyException('ValueError', `'${item}' is not in list`);
  return index;
}

function at(list: Item[], index: number): Item {
  const position = index < 0 ? index + list.length : index;
  if (position < 0 || position >= list.length) throw new PyException('IndexError', 'list index out of range');
  return list[position] as Item;
}

function clamp(index: number, length: number): number {
  return index < 0 ? Math.max(0, index + length) : Math.min(index, length);
}

function slice(list: Item[], start: number, stop: number): Item[] {
  const from = clamp(start, list.length);
  return list.slice(from, Math.max(from, clamp(stop, list.length)));
}

function assignSlice(list: Item[], start: number, stop: number, values: Item[]): void {
  const from = clamp(start, list.length);
  const to = Math.max(from, clamp(stop, list.length));
  list.splice(from, to - from, ...values);
}

function typeName(item: Item): string {
  return typeof item === 'number' ? 'float' : 'str';
}

function operate(left: Item, operator: Item, right: Item): Item {
  if (operator === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (typeof left !== 'number' || typeof right !== 'number') {
    throw new PyException(
      'TypeError',
      `unsupported operand type(s) for ${String(operator)}: '${typeName(left)}' and '${typeName(right)}'`,
    );
  }
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    default:
      if (right === 0) throw new PyException('ZeroDivisionError', 'float division by zero');
      return left / right;
  }
}

function reduce(formula: Item[], operators: readonly [string, string], budget: { steps: number }): void {
  const [first, second] = operators;
  while (formula.includes(first) || formula.includes(second)) {
    if (++budget.steps > maxSteps) pyRaise('the calculation does not terminate', 'RuntimeError');
    let index: number;
    if (formula.includes(first) && formula.includes(second)) {
      index = Math.min(indexOf(formula, first), indexOf(formula, second));
    } else {
      index = indexOf(formula, formula.includes(first) ? first : second);
    }
    const value = operate(at(formula, index - 1), at(formula, index), at(formula, index + 1));
    assignSlice(formula, index - 1, index + 2, [value]);
  }
}

function calculateList(formula: Item[], budget: { steps: number }): Item {
  while (formula.includes('(')) {
    if (++budget.steps > maxSteps) pyRaise('the calculation does not terminate', 'RuntimeError');
    const left = indexOf(formula, '(');
    const right = indexOf(formula, ')');
    const inner = calculateList(slice(formula, left + 1, right), budget);
    assignSlice(formula, left, right + 1, [inner]);
  }
  reduce(formula, ['*', '/'], budget);
  reduce(formula, ['+', '-'], budget);
  return at(formula, 0);
}

function isValidFormula(formula: string): boolean {
  if (formula.length === 0) return false;
  for (const char of formula) if (!'0123456789+-*/()'.includes(char)) return false;
  const count = (char: string) => formula.split(char).length - 1;
  if (count('(') !== count(')')) return false;
  const operators = count('+') + count('-') + count('*') + count('/');
  if (operators === 0) return false;
  return operators + 1 !== formula.length;
}

/** `Calculator.calculate(formula)` after the caller removed spaces. */
export function calculate(formula: string): PyValue {
  if (!isValidFormula(formula)) pyRaise('invalid formula');
  const items: Item[] = [];
  let number = '';
  for (const char of formula) {
    if ('0123456789'.includes(char)) {
      number += char;
      continue;
    }
    if (number !== '') items.push(Number(number));
    number = '';
    items.push(char);
  }
  if (number !== '') items.push(Number(number));
  const result = calculateList(items, { steps: 0 });
  return typeof result === 'number' ? pyFloat(result) : pyStr(result);
}
