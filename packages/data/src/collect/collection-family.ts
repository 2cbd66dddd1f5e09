import type { Tool } from '@codeact/core';
import { type MintEpisodeFamily, type MintTask, readInContextExample } from '@codeact/mint';
import type { AnswerChecker } from '../checkers/answer-checker.js';
import type { TaskRecord } from '../task/task-record.js';

/** The in-context example family each checker uses by default (spec §1.7). */
export function defaultExampleFor(checker: string): string {
  switch (checker) {
    case 'apps':
      return 'APPS';
    case 'wtq':
      return 'tabular';
    case 'python-tests':
      return 'mbpp';
    case 'alfworld':
      return 'alfworld/put';
    default:
      return 'reasoning';
  }
}

/** A collection task as the MINT episode runner takes it. */
export function collectionTask(task: TaskRecord): MintTask {
  return {
    id: task.id,
    family: task.source,
    upstreamId: task.id,
    prompt: task.prompt,
    reference: { type: 'none' },
    fields: task,
  };
}

/**
 * A collection task as a MINT episode family (spec §1): its text after `Task:`, its in-context
 * example, its tools and setup code, and its checker deciding each proposal.
 */
export function collectionFamily(
  task: TaskRecord,
  checker: AnswerChecker,
  tools: readonly Tool[],
  extraSetupCode?: string,
): MintEpisodeFamily {
  const setupCode = [task.setup, extraSetupCode].filter(Boolean).join('\n') || undefined;
  return {
    name: task.source,
    taskPrompt: () => task.prompt,
    inContextExample: () => readInContextExample(task.example ?? defaultExampleFor(task.checker)),
    createEnvironment: (_task, context) => ({
      tools,
      setupCode,
      checkAnswer: async (answer) =>
        checker.check({ task, answer, executor: context.executor, abortSignal: context.abortSignal }),
    }),
  };
}
