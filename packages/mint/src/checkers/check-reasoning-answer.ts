import { parsePythonFloat } from '../python/python-float.js';
import { pyStrip } from '../python/python-string.js';
import type { GradingRule } from './grading-rule.js';

/**
 * MINT's `ReasoningTask` check (GSM8K, MATH, HotpotQA): when both strings read as Python floats the
 * answer must be within 5% of the reference, otherwise the reference must be a substring of the
 * answer. Deliberately lenient, as upstream: reference `6` accepts `"6 / 2 = 3"`.
 */
export function checkReasoningAnswer(options: {
  readonly solution: string;
  readonly reference: string;
  readonly rule?: GradingRule | undefined;
}): boolean {
  const reference = pyStrip(options.reference).toLowerCase();
  const answer = pyStrip(options.solution.toLowerCase());
  const expected = parsePythonFloat(reference);
  const actual = parsePythonFloat(answer);
  if (expected === undefined || actual === undefined) return answer.includes(reference);
  const bound = options.rule === 'current' ? 0.05 * Math.abs(expected) : 0.05 * expected;
  return Math.abs(expected - actual) <= bound;
}
