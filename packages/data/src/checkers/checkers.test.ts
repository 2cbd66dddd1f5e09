import { describe, expect, it } from 'vitest';
import { graderVectorsFile, readGzippedLines } from '../__fixtures__/mint/recorded-mint-files.js';
import { isMathAnswerCorrect, normaliseMathAnswer } from './math-checker.js';
import { parsePythonFloat } from './python-float.js';
import { parsePythonLiteral } from './python-literal.js';
import { isReasoningAnswerCorrect } from './reasoning-checker.js';
import { isWtqAnswerCorrect, normaliseWtqString } from './wtq-checker.js';

describe('parsePythonFloat', () => {
  it("follows Python's float(), not JS Number()", () => {
    expect(parsePythonFloat(' 1_000.5 ')).toBe(1000.5);
    expect(parsePythonFloat('1e3')).toBe(1000);
    expect(parsePythonFloat('.5')).toBe(0.5);
    expect(parsePythonFloat('5.')).toBe(5);
    expect(parsePythonFloat('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(parsePythonFloat('nan')).toBeNaN();
    for (const text of ['', '0x10', '1__0', '_1', '1_', '1e', 'e5', '.', '1,000', '12abc']) {
      expect(parsePythonFloat(text), text).toBeUndefined();
    }
  });
});

describe('isReasoningAnswerCorrect', () => {
  it('agrees with every recorded ReasoningTask verdict under the current tolerance', () => {
    const rows = readGzippedLines(graderVectorsFile).map(
      (line) => JSON.parse(line) as { checker: string; reference: string; solution: string; verdict_current: boolean },
    );
    const reasoning = rows.filter((row) => row.checker === 'ReasoningTask');
    expect(reasoning).toHaveLength(15_929);
    const disagreements = reasoning.filter(
      (row) => isReasoningAnswerCorrect(row.solution, row.reference) !== row.verdict_current,
    );
    expect(disagreements).toEqual([]);
  });
});

describe('parsePythonLiteral', () => {
  it('reads the literals models write as answers', () => {
    expect(parsePythonLiteral('["Athens", \'Rome\']')).toEqual(['Athens', 'Rome']);
    expect(parsePythonLiteral("('a', 2, 3.5)")).toEqual(['a', 2, 3.5]);
    expect(parsePythonLiteral("'it\\'s'")).toBe("it's");
    expect(parsePythonLiteral('[True, None]')).toEqual([true, null]);
    expect(parsePythonLiteral('Athens')).toBeUndefined();
    expect(parsePythonLiteral('[1, 2')).toBeUndefined();
  });
});

describe('isWtqAnswerCorrect', () => {
  it('compares value sets with numbers, dates and normalised strings', () => {
    expect(isWtqAnswerCorrect('["Athens", "Beijing"]', ['Beijing', 'Athens'])).toBe(true);
    expect(isWtqAnswerCorrect('Athens', ['Athens', 'Beijing'])).toBe(false);
    expect(isWtqAnswerCorrect('1,200', ['1200'])).toBe(true);
    expect(isWtqAnswerCorrect('3.0', ['3'])).toBe(true);
    expect(isWtqAnswerCorrect('"Café Zürich"', ['cafe zurich'])).toBe(true);
    expect(isWtqAnswerCorrect('2004', ['2004-xx-xx'])).toBe(true);
    expect(isWtqAnswerCorrect('Athens (Greece)', ['Athens'])).toBe(true);
    expect(isWtqAnswerCorrect('Rome', ['Athens'])).toBe(false);
  });

  it('normalises as the official evaluator does', () => {
    expect(normaliseWtqString('  “Hello”  World[1] ')).toBe('"hello" world');
    expect(normaliseWtqString('Mr. Smith.')).toBe('mr. smith');
    expect(normaliseWtqString('2–3')).toBe('2-3');
  });
});

describe('isMathAnswerCorrect', () => {
  it('accepts equal answers after MATH normalisation', () => {
    expect(isMathAnswerCorrect('\\boxed{15}', '15')).toBe(true);
    expect(isMathAnswerCorrect('\\dfrac{1}{2}', '\\frac12')).toBe(true);
    expect(isMathAnswerCorrect('0.5', '\\frac{1}{2}')).toBe(true);
    expect(isMathAnswerCorrect('x = 3', '3')).toBe(true);
    expect(isMathAnswerCorrect('10\\%', '10')).toBe(true);
    expect(isMathAnswerCorrect('1/4', '\\frac{1}{4}')).toBe(true);
    expect(isMathAnswerCorrect('90^\\circ', '90')).toBe(true);
    expect(normaliseMathAnswer('\\text{(A)}')).toBe('(A)');
  });

  it('rejects different answers', () => {
    expect(isMathAnswerCorrect('16', '15')).toBe(false);
    expect(isMathAnswerCorrect('\\sqrt{2}', '\\sqrt{3}')).toBe(false);
    expect(isMathAnswerCorrect('', '0')).toBe(false);
  });
});
