import type { ExecutorSession } from '@codeact/core';
import type { TaskRecord } from '../task/task-record.js';

export type CheckAnswerContext = {
  readonly task: TaskRecord;
  /** The parsed `<solution>` text. */
  readonly answer: string;
  /** A fresh interpreter session, for checkers that run code (closed by the caller's `using`). */
  readonly createSession: () => Promise<ExecutorSession>;
  readonly abortSignal: AbortSignal;
};

/** Decides whether a proposed answer solves a task: one per checker family. */
export type AnswerChecker = {
  readonly name: string;
  check(context: CheckAnswerContext): boolean | Promise<boolean>;
};
