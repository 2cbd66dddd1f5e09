import type { AnswerChecker } from './answer-checker.js';

function stripBraces(text: string, command: string): string {
  let result = text;
  for (;;) {
    const start = result.indexOf(`${command}{`);
    if (start === -1) return result;
    let depth = 0;
    let end = start + command.length;
    for (; end < result.length; end++) {
      if (result[end] === '{') depth += 1;
      else if (result[end] === '}' && --depth === 0) break;
    }
    result = result.slice(0, start) + result.slice(start + command.length + 1, end) + result.slice(end + 1);
  }
}

/** Part of Hendrycks' MATH normalisation (spec §1.6 step 1). */
export function normaliseMathAnswer(answer: string): string {
  let text = answer.trim();
  const boxed = /\\boxed\{([\s\S]*)\}/.exec(text);
  if (boxed) text = boxed[1] ?? text;
  text = stripBraces(text, '\\text');
  text = stripBraces(text, '\\mbox');
  text = text
    .replace(/\\left|\\right|\\!|\\,|\\;|\\ /g, '')
    .replace(/\^\{?\\circ\}?/g, '')
    .replace(/\\\$|\$|\\%|%/g, '')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\s+/g, '')
    .replace(/\.$/, '');
  text = text.replace(/^[a-zA-Z]\w{0,1}=/, '');
  text = text.replace(/\\frac(\d)(\d)/g, '\\frac{$1}{$2}').replace(/\\frac\{([^{}]+)\}(\d)/g, '\\frac{$1}{$2}');
  text = text.replace(/\\sqrt(\d+)/g, '\\sqrt{$1}');
  text = text.replace(/^(-?\d+)\/(\d+)$/, '\\frac{$1}{$2}');
  if (/^0?\.5$/.test(text)) text = '\\frac{1}{2}';
  return text;
}

function numericValue(text: string): number | undefined {
  const fraction = /^(-?)\\frac\{(-?\d+(?:\.\d+)?)\}\{(-?\d+(?:\.\d+)?)\}$/.exec(text);
  if (fraction) return (fraction[1] ? -1 : 1) * (Number(fraction[2]) / Number(fraction[3]));
  const plain = text.replaceAll(',', '');
  return /^-?\d+(?:\.\d+)?$/.test(plain) ? Number(plain) : undefined;
}

/**
 * A weaker stand-in for MINT's `MATHTask` (the PRM800K grader with sympy, spec §1.6): equal after
 * Hendrycks-style normalisation, or equal as plain numbers or simple fractions. It never evaluates
 * symbolic expressions, so it rejects some right answers that sympy would accept (e.g. `2\sqrt{2}`
 * against `\sqrt{8}`), and it accepts unreduced fractions that PRM800K rejects.
 */
export function isMathAnswerCorrect(answer: string, reference: unknown): boolean {
  const expected = normaliseMathAnswer(String(reference ?? ''));
  const given = normaliseMathAnswer(answer);
  if (expected === given) return true;
  const expectedNumber = numericValue(expected);
  const givenNumber = numericValue(given);
  return expectedNumber !== undefined && givenNumber !== undefined && Math.abs(expectedNumber - givenNumber) < 1e-9;
}

export const mathChecker: AnswerChecker = {
  name: 'math',
  check: ({ answer, task }) => isMathAnswerCorrect(answer, task.reference),
};
