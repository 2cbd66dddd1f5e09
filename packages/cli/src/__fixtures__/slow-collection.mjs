// The scripted collection of the kill-and-resume test (data-collect-killed.test.ts), shared with the
// child process it kills. Plain JS so a bare `node` can load it.

import { modelAnswer, modelResponder, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { createWikipediaSearchTool } from '@codeact/mint';

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers each task with its reference after `delayMs` (twice: MINT allows a second proposal). */
export function slowModel(tasks, delayMs) {
  const answer = (task) =>
    modelResponder(async () => {
      await pause(delayMs);
      return modelAnswer(String(task.reference)).text;
    });
  return new ScriptedModel({ tasks: new Map(tasks.map((task) => [task.id, [answer(task), answer(task)]])) });
}

/** An interpreter that runs nothing. */
export const idleExecutor = () => new ScriptedExecutor(() => ({}));

/** The tools the sample tasks need, offline. */
export const offlineTools = () => ({
  wikipedia_search: createWikipediaSearchTool({ fetch: () => Promise.reject(new Error('offline')) }),
});
