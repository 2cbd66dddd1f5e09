/** The pieces API checkers (`check_api_call_correctness`) are built from. */
import { type PyDict, PyException, type PyValue, pyEquals, typeName } from '@codeact/mint';
import { path } from './api-definition.js';

/** `a == b` for normalised values where an Exception object (a failed parse) is never equal. */
export function sameNormalised(a: string | null | Error, b: string | null | Error): boolean {
  if (a instanceof Error || b instanceof Error) return false;
  return a === b;
}

/** Full equality of input, output and exception. */
export function fullEquality(response: PyDict, groundTruth: PyDict): boolean {
  return (
    pyEquals(path(response, 'input'), path(groundTruth, 'input')) &&
    pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
    pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
  );
}

/** Output and exception equal. */
export function outputAndException(response: PyDict, groundTruth: PyDict): boolean {
  return (
    pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
    pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
  );
}

function splitWords(value: PyValue, lower: boolean): Set<string> {
  if (value.type !== 'str') {
    throw new PyException('AttributeError', `'${typeName(value)}' object has no attribute 'split'`);
  }
  return new Set((lower ? value.value.toLowerCase() : value.value).split(' '));
}

/** `len(set(a.split(" ")) & set(b.split(" "))) / len(... | ...) > 0.5`. */
export function contentSimilar(a: PyValue, b: PyValue, options: { readonly lower?: boolean } = {}): boolean {
  const left = splitWords(a, options.lower ?? false);
  const right = splitWords(b, options.lower ?? false);
  const union = new Set([...left, ...right]);
  const shared = [...left].filter((word) => right.has(word)).length;
  return shared / union.size > 0.5;
}
