import type { AnswerChecker } from './answer-checker.js';
import { parsePythonFloat } from './python-float.js';

/**
 * MINT's `ReasoningTask` check (spec §1.6), with the current tolerance: numbers within 5% of |reference|,
 * otherwise the reference must be a substring of the lower-cased answer. Lenient by design.
 */
export function isReasoningAnswerCorrect(answer: string, reference: unknown): boolean {
  const expected = String(reference ?? '')
    .trim()
    .toLowerCase();
  const given = answer.toLowerCase().trim();
  const expectedNumber = parsePythonFloat(expected);
  const givenNumber = parsePythonFloat(given);
  if (expectedNumber !== undefined && givenNumber !== undefined) {
    return Math.abs(expectedNumber - givenNumber) <= 0.05 * Math.abs(expectedNumber);
  }
  return given.includes(expected);
}

export const reasoningChecker: AnswerChecker = {
  name: 'reasoning',
  check: ({ answer, task }) => isReasoningAnswerCorrect(answer, task.reference),
};

/** Case- and whitespace-insensitive equality with the reference. */
export const exactChecker: AnswerChecker = {
  name: 'exact',
  check: ({ answer, task }) =>
    answer.trim().replace(/\s+/g, ' ').toLowerCase() ===
    String(task.reference ?? '')
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase(),
};
