import { parsePythonFloat } from '../python/python-float.js';
import { pyIsDigit, pyStrip, pyStripChars } from '../python/python-string.js';
import { CheckerError } from './checker-error.js';

/** Option letter → lower-cased option text, in prompt order (a repeated letter keeps its first place and takes the later text, as a Python dict). */
export type MultipleChoiceOptions = ReadonlyMap<string, string>;

/**
 * Parses the options after `Options: ` the way MINT's `MultipleChoiceTask.extract_options` does:
 * split on ` , `, trim `[]' `, split on `)`; the letter is part 0, the text part 1.
 */
export function parseMultipleChoiceOptions(prompt: string): MultipleChoiceOptions {
  const tail = prompt.split('Options: ').at(-1) as string;
  const options = new Map<string, string>();
  for (const raw of tail.split(' , ')) {
    const parts = pyStripChars(raw, "[]' ").split(')');
    if (parts.length < 2) throw new CheckerError('IndexError', 'list index out of range');
    const letter = pyStrip((parts[0] as string).toLowerCase());
    const text = pyStrip(
      pyStripChars((parts[1] as string).toLowerCase(), '.')
        .replaceAll('. Which option is correct?', '')
        .replaceAll('. Which one is correct?', ''),
    );
    options.set(letter, text);
  }
  return options;
}

function toFloat(text: string): number {
  const value = parsePythonFloat(text);
  if (value === undefined) throw new CheckerError('ValueError', `could not convert string to float: '${text}'`);
  return value;
}

/** `compare_w_digits`: 5% closeness when both are all digits, else a substring test. */
function matches(reference: string, answer: string): boolean {
  if (pyIsDigit(reference) && pyIsDigit(answer)) {
    // `isdigit()` accepts `²`, which `float()` then rejects: upstream raises here too.
    const expected = toFloat(reference);
    return Math.abs(expected - toFloat(answer)) <= 0.05 * expected;
  }
  return answer.includes(reference);
}

/**
 * MINT's `MultipleChoiceTask` check (MMLU), quirks included:
 * 1. The answer is `"a"` when the solution contains `a)` or `a )`, else the whole lower-cased
 *    solution (upstream returns on the first loop iteration, so only `a` is ever tested).
 * 2. Correct when the reference letter is in the answer.
 * 3. Else, options whose text is inside the correct option's text are dropped from the wrong list
 *    while iterating it (so the element after a removed one is skipped, as in Python); any
 *    remaining option text in the answer makes it wrong.
 * 4. Else correct iff the correct option's text is in the answer.
 * A reference letter missing from the options throws, as upstream's `KeyError` does.
 */
export function checkMultipleChoiceAnswer(options: {
  readonly solution: string;
  readonly reference: string;
  readonly prompt: string;
}): boolean {
  const choices = parseMultipleChoiceOptions(options.prompt);
  const reference = pyStrip(options.reference).toLowerCase();
  const solution = pyStrip(options.solution.toLowerCase());
  const answer = solution.includes('a)') || solution.includes('a )') ? 'a' : solution;
  if (matches(reference, answer)) return true;
  const correct = choices.get(reference);
  if (correct === undefined) throw new CheckerError('KeyError', `'${reference}'`);
  const wrong = [...choices.values()];
  for (let index = 0; index < wrong.length; index++) {
    const option = wrong[index] as string;
    if (correct.includes(option)) wrong.splice(wrong.indexOf(option), 1);
  }
  for (const option of wrong) if (matches(option, answer) || answer.includes(option)) return false;
  return matches(correct, answer) || answer.includes(correct);
}
