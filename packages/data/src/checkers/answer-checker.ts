import type { Executor } from '@codeact/core';
import type { TaskRecord } from '../task/task-record.js';

export type CheckAnswerContext = {
  readonly task: TaskRecord;
  /** The parsed `<solution>` text. */
  readonly answer: string;
  /** For checkers that run code: each check opens (and closes) a fresh session of its own. */
  readonly executor: Executor;
  readonly abortSignal: AbortSignal;
};

/** Decides whether a proposed answer solves a task: one per checker family. */
export type AnswerChecker = {
  readonly name: string;
  check(context: CheckAnswerContext): boolean | Promise<boolean>;
};
