import type { AnswerChecker } from './answer-checker.js';
import { appsChecker, pythonTestsChecker } from './code-checkers.js';
import { mathChecker } from './math-checker.js';
import { exactChecker, reasoningChecker } from './reasoning-checker.js';
import { wtqChecker } from './wtq-checker.js';

/**
 * The checker families shipped with codeact. `alfworld` is not among them: its success comes from the
 * ALFWorld game engine (Python TextWorld), which you register yourself as a checker plus tools.
 */
export const builtinCheckers: Readonly<Record<string, AnswerChecker>> = {
  reasoning: reasoningChecker,
  exact: exactChecker,
  math: mathChecker,
  wtq: wtqChecker,
  'python-tests': pythonTestsChecker,
  apps: appsChecker,
};
