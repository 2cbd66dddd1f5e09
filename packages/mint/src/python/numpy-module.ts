import { iterate, roundHalfEven } from './python-builtins.js';
import { asNumber, PyException, type PyValue, pyFloat } from './python-value.js';

const fn = (name: string, call: (args: readonly PyValue[]) => PyValue): PyValue => ({ type: 'function', name, call });

function unary(name: string, apply: (x: number) => number): PyValue {
  return fn(name, (args) => {
    const x = args.length === 1 ? asNumber(args[0] as PyValue) : undefined;
    if (x === undefined) throw new PyException('Unsupported', `np.${name} is only modelled for one real number`);
    return pyFloat(apply(x));
  });
}

function npRound(x: number, decimals: number): number {
  if (decimals === 0) return Number(roundHalfEven(x));
  const scale = 10 ** decimals;
  return Number(roundHalfEven(x * scale)) / scale;
}

/**
 * The scalar part of `numpy` as `np` (MINT's checker module imports it, so answers such as
 * `np.sqrt(2)` evaluate upstream). Results are Python floats, as `np.float64` is one; arrays
 * become lists through `tolist()`.
 */
export const numpyModule: PyValue = {
  type: 'module',
  name: 'numpy',
  attributes: new Map<string, PyValue>([
    ['pi', pyFloat(Math.PI)],
    ['e', pyFloat(Math.E)],
    ['inf', pyFloat(Number.POSITIVE_INFINITY)],
    ['nan', pyFloat(Number.NaN)],
    ['sqrt', unary('sqrt', Math.sqrt)],
    ['exp', unary('exp', Math.exp)],
    ['log', unary('log', Math.log)],
    ['log2', unary('log2', Math.log2)],
    ['log10', unary('log10', Math.log10)],
    ['sin', unary('sin', Math.sin)],
    ['cos', unary('cos', Math.cos)],
    ['tan', unary('tan', Math.tan)],
    ['arcsin', unary('arcsin', Math.asin)],
    ['arccos', unary('arccos', Math.acos)],
    ['arctan', unary('arctan', Math.atan)],
    ['abs', unary('abs', Math.abs)],
    ['float64', unary('float64', (x) => x)],
    [
      'round',
      fn('round', (args) => {
        const x = asNumber(args[0] ?? { type: 'none' });
        const decimals = args[1] === undefined ? 0 : asNumber(args[1]);
        if (x === undefined || decimals === undefined) throw new PyException('Unsupported', 'np.round of non-reals');
        return pyFloat(npRound(x, decimals));
      }),
    ],
    [
      'array',
      fn('array', (args) => {
        if (args.length !== 1) throw new PyException('Unsupported', 'np.array with options');
        return { type: 'ndarray', items: iterate(args[0] as PyValue) };
      }),
    ],
  ]),
};
