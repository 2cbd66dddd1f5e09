import type { ActionGrammar } from './action-grammar.js';
import {
  alt,
  and,
  anyText,
  excluding,
  literal,
  noneOf,
  oneOf,
  optional,
  type Regex,
  seq,
  skippable,
  star,
} from './regex.js';

/** The code points JavaScript's `trim()` or Python's `strip()` removes. */
export const whitespaceChars = [
  ...'\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff',
  ...Array.from({ length: 11 }, (_, index) => String.fromCharCode(0x2000 + index)),
];

/** Text that is not blank and does not open with `forbiddenFirst`, nor contain `</`. */
function actionBody(forbiddenFirst: string): Regex {
  return and(
    seq(star(oneOf(whitespaceChars)), noneOf([...whitespaceChars, ...forbiddenFirst]), anyText),
    excluding(['</']),
  );
}

/**
 * The CodeAct reply: free thought text (optionally inside one `<thought>…</thought>`), then exactly
 * one `<execute>code</execute>` or `<solution>answer</solution>`. Thoughts hold no `<`, so the first
 * tag is the action; bodies are not blank and hold no `</`, so the first closing tag ends them; code
 * does not open with a backtick, so it is never an empty fenced block. Every reply in the language
 * reads as one `code` or `answer` action with `codeActFormat()`.
 */
export function codeActGrammar(): ActionGrammar {
  shared ??= buildCodeActGrammar();
  return shared;
}

let shared: ActionGrammar | undefined;

function buildCodeActGrammar(): ActionGrammar {
  const prose = skippable(star(noneOf('<')));
  const thoughtBlock = seq(literal('<thought>'), prose, literal('</thought>'), prose);
  const action = alt(
    seq(literal('<execute>'), actionBody('`<'), literal('</execute>')),
    seq(literal('<solution>'), actionBody('<'), literal('</solution>')),
  );
  return {
    name: 'codeact',
    regex: seq(prose, optional(thoughtBlock), action),
    endStops: ['</execute>', '</solution>'],
  };
}
