import { checkReasoningAnswer } from '@codeact/mint';
import type { AnswerChecker } from './answer-checker.js';

/**
 * MINT's `ReasoningTask` check (spec §1.6), `@codeact/mint`'s `checkReasoningAnswer` with the current
 * tolerance: numbers within 5% of |reference|, otherwise the reference must be a substring of the
 * lower-cased answer. Lenient by design.
 */
export const reasoningChecker: AnswerChecker = {
  name: 'reasoning',
  check: ({ answer, task }) =>
    checkReasoningAnswer({ solution: answer, reference: String(task.reference ?? ''), rule: 'current' }),
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
