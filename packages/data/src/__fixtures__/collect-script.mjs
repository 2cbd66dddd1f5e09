// The scripted "LLM" and interpreter of the collection tests, shared by the in-process tests and the
// child process that gets killed midway (collect-child.mjs). Plain JS so a bare `node` can load it.
import { modelAnswer, modelCode, modelResponder, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';

/** Tasks whose ids end in one of these are answered wrongly by the primary model. */
export const unsolvedByPrimary = ['math/algebra/11', 'wtq-pandas/nt-1'];

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function answerFor(task) {
  if (task.checker === 'apps') return 'a, b = map(int, input().split())\nprint(a + b)';
  if (task.checker === 'wtq') return JSON.stringify(task.reference);
  return String(task.reference);
}

/** Per task: an erroring action, a fixed one, then the answer (right, or wrong for `unsolvedByPrimary`). */
export function scriptedModel(tasks, { modelId = 'scripted', delayMs = 0, wrong = unsolvedByPrimary } = {}) {
  const reply = (step) =>
    delayMs === 0
      ? step
      : modelResponder(async () => {
          await pause(delayMs);
          return step.text;
        });
  return new ScriptedModel({
    modelId,
    tasks: new Map(
      tasks.map((task) => {
        const bad = wrong.includes(task.id);
        return [
          task.id,
          [
            reply(modelCode('print(undefined_name)', '<thought> Look at the data first. </thought>')),
            reply(modelCode('print("ok")', '<thought> Fix the name. </thought>')),
            reply(modelAnswer(bad ? 'certainly wrong' : answerFor(task))),
            reply(modelAnswer(bad ? 'still wrong' : answerFor(task))),
          ],
        ];
      }),
    ),
  });
}

/** Python stand-in: a NameError for `undefined_name`, the APPS harness verdict, plain output otherwise. */
export function scriptedExecutor() {
  return new ScriptedExecutor((code) => {
    if (code.includes('undefined_name')) {
      return {
        error: {
          name: 'NameError',
          message: "name 'undefined_name' is not defined",
          traceback:
            "Traceback (most recent call last):\n  Cell In[1], line 1\nNameError: name 'undefined_name' is not defined",
        },
      };
    }
    if (code.includes('CODEACT_APPS_VERDICT')) return { stdout: 'CODEACT_APPS_VERDICT pass\n' };
    if (code.includes('print("ok")')) return { stdout: 'ok\n' };
    return {};
  });
}
