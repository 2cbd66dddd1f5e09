import { describe, expect, it } from 'vitest';
import { TaskRecord } from '../task/task-record.js';
import { isMathAnswerCorrect, normaliseMathAnswer } from './math-checker.js';
import { reasoningChecker } from './reasoning-checker.js';
import { isWtqAnswerCorrect, normaliseWtqString } from './wtq-checker.js';

describe('reasoningChecker', () => {
  it("is MINT's ReasoningTask check under the current tolerance (5% of |reference|)", async () => {
    const check = (answer: string, reference: string) =>
      reasoningChecker.check({
        answer,
        task: TaskRecord.parse({ id: 't/1', source: 't', prompt: 'p', reference, checker: 'reasoning' }),
        executor: undefined as never,
        abortSignal: new AbortController().signal,
      });
    expect(await check('-10.2', '-10')).toBe(true);
    expect(await check('-11', '-10')).toBe(false);
    expect(await check('The answer is Paris.', 'paris')).toBe(true);
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
