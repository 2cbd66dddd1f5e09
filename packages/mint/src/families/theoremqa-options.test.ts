import type { Executor } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import type { GradingRule } from '../checkers/grading-rule.js';
import { theoremqaFamily } from './builtin-families.js';

async function verdict(solution: string, rule: GradingRule, id = 'theoremqa/50'): Promise<boolean> {
  const task = (await theoremqaFamily.loadTasks()).find((candidate) => candidate.id === id);
  if (!task) throw new Error(`no task ${id}`);
  const environment = theoremqaFamily.createEnvironment(task, {
    executor: undefined as unknown as Executor,
    rule,
    abortSignal: new AbortController().signal,
  });
  return environment.checkAnswer(solution);
}

describe('TheoremQA option answers', () => {
  it('reads a bare letter as MINT scored its runs in the faithful mode, and as the option under --fixed', async () => {
    // Task 50's reference is the bare letter `a`. Spec §1.6 literally: the letter becomes `(a)`, which
    // fails to evaluate as Python, so the answer is wrong; since upstream's 2023-10-11 fix it is a string.
    expect(await verdict('a', 'recorded')).toBe(false);
    expect(await verdict('a ) f is increasing on [0,1]', 'recorded')).toBe(false);
    expect(await verdict('a', 'current')).toBe(true);
    expect(await verdict('a ) f is increasing on [0,1]', 'current')).toBe(true);
    expect(await verdict('b', 'current')).toBe(false);
  });

  it('leaves the other answer types alone', async () => {
    const tasks = await theoremqaFamily.loadTasks();
    const numeric = tasks.find((task) => task.fields.answer_type === 'integer');
    if (numeric?.reference.type !== 'int') throw new Error('no integer task');
    const answer = numeric.reference.value.toString();
    expect(await verdict(answer, 'recorded', numeric.id)).toBe(true);
    expect(await verdict(answer, 'current', numeric.id)).toBe(true);
  });
});
