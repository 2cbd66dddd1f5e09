import { evaluatePythonExpression } from '../python/evaluate-python-expression.js';
import { numpyModule } from '../python/numpy-module.js';
import { roundHalfEven, sortValues } from '../python/python-builtins.js';
import {
  asBigInt,
  asNumber,
  compareReal,
  isReal,
  PyException,
  type PyValue,
  pyEquals,
  pyFloat,
  pyStr,
} from '../python/python-value.js';
import { CheckerError } from './checker-error.js';
import { normalizeTheoremqaAnswer } from './normalize-theoremqa-answer.js';

/** TheoremQA answer types as the MINT data spells them. */
export type TheoremqaAnswerType = 'float' | 'integer' | 'bool' | 'option' | 'list of integer' | 'list of float';

/**
 * How option answers are read. `fixed` (default) is the code since 2023-10-11, which quotes `(a)`
 * so it evaluates to a string; under `pre-2023-10-11` the unquoted `(a)` fails to evaluate, so no
 * option answer could ever be right. Both occur in the published MINT outputs.
 */
export type TheoremqaOptionRule = 'fixed' | 'pre-2023-10-11';

const rational: PyValue = {
  type: 'function',
  name: 'Rational',
  call: (args) => {
    const [p, q] = args.map((arg) => asBigInt(arg));
    if (p === undefined || (args.length === 2 && q === undefined) || args.length > 2) {
      throw new PyException('Unsupported', 'Rational of non-integers');
    }
    if (q === 0n) throw new PyException('ZeroDivisionError', 'division by zero');
    return pyFloat(Number(p) / Number(q ?? 1n));
  },
};

/** What upstream's `eval` yields after its type conversions, or `undefined` where it returns `None`. */
export function evaluateTheoremqaAnswer(solution: string, rule: TheoremqaOptionRule = 'fixed'): PyValue | undefined {
  let prediction = normalizeTheoremqaAnswer(solution);
  if (rule === 'pre-2023-10-11' && /^"\([a-d]\)"$/.test(prediction)) prediction = prediction.slice(1, -1);
  // The names `eval` sees in upstream's checker module; `math` is not among them.
  const names = new Map<string, PyValue>([
    ['np', numpyModule],
    ['Rational', rational],
    ['solution', pyStr(solution)],
    ['prediction', pyStr(prediction)],
  ]);
  let value: PyValue;
  try {
    value = evaluatePythonExpression(prediction, names);
  } catch (error) {
    if (error instanceof PyException) return undefined;
    throw error;
  }
  if (value.type === 'set' || value.type === 'tuple') {
    const first = value.items[0];
    if (first === undefined) throw new CheckerError('IndexError', 'list index out of range');
    if (first.type !== 'complex') return { type: 'list', items: [...value.items] };
    return {
      type: 'list',
      items: value.items.map((item) => {
        if (item.type === 'complex') return pyFloat(item.re);
        if (isReal(item)) return item.type === 'bool' ? { type: 'int', value: item.value ? 1n : 0n } : item;
        throw new CheckerError('AttributeError', `'${item.type}' object has no attribute 'real'`);
      }),
    };
  }
  if (value.type === 'ndarray') return { type: 'list', items: [...value.items] };
  if (value.type === 'complex') return pyFloat(value.re);
  return value;
}

function roundToInt(value: PyValue): bigint {
  if (value.type === 'float') {
    try {
      return roundHalfEven(value.value);
    } catch (error) {
      if (error instanceof PyException) throw new CheckerError(error.pythonName, error.message);
      throw error;
    }
  }
  return asBigInt(value) as bigint;
}

/** `compare_two_numbers(p, gt)`. */
function compareNumbers(prediction: PyValue, reference: PyValue): boolean {
  if (!isReal(prediction)) return false;
  if (reference.type === 'float') {
    const eps = Math.abs(reference.value) * 0.04;
    const low = compareReal(prediction, pyFloat(reference.value - eps));
    const high = compareReal(prediction, pyFloat(reference.value + eps));
    return low !== undefined && high !== undefined && low >= 0 && high <= 0;
  }
  const rounded = roundToInt(prediction);
  return pyEquals({ type: 'int', value: rounded }, reference);
}

/** `compare_two_list(pred, gt)`. */
function compareLists(prediction: PyValue, reference: PyValue): boolean {
  if (prediction.type !== 'list' || reference.type !== 'list') return false;
  if (prediction.items.length !== reference.items.length) return false;
  if (!prediction.items.every(isReal)) return false;
  const predicted = sortValues(prediction.items);
  const expected = sortValues(reference.items);
  return predicted.every((item, i) => compareNumbers(item, expected[i] as PyValue));
}

function referenceLabel(reference: PyValue): string {
  if (reference.type === 'bool') return reference.value ? 'True' : 'False';
  if (reference.type === 'str') return reference.value;
  return String(asNumber(reference) ?? '');
}

/**
 * MINT's `TheoremqaTask` check: normalise the answer, evaluate it as a Python expression with a
 * safe evaluator (upstream uses `eval`; anything it could not evaluate is wrong), then compare by
 * answer type: options/bools by equality, integers by `round`, floats within 4%, lists sorted and
 * pairwise. `reference` holds the JSON value with Python's int/float distinction.
 */
export function checkTheoremqaAnswer(options: {
  readonly solution: string;
  readonly reference: PyValue;
  readonly answerType: string;
  readonly optionRule?: TheoremqaOptionRule | undefined;
}): boolean {
  const prediction = evaluateTheoremqaAnswer(options.solution, options.optionRule);
  if (prediction === undefined) return false;
  const { reference, answerType } = options;
  const comparable = prediction.type === 'str' || isReal(prediction) || prediction.type === 'list';
  if (!comparable) return false;
  switch (answerType) {
    case 'bool':
    case 'option':
    case 'Option':
      return pyEquals(prediction, pyStr(`(${referenceLabel(reference)})`)) || pyEquals(prediction, reference);
    case 'integer':
    case 'float':
      return compareNumbers(prediction, reference);
    case 'list of integer':
    case 'list of float':
      return compareLists(prediction, reference);
    default:
      throw new CheckerError('UnboundLocalError', "local variable 'cur_correct' referenced before assignment");
  }
}
