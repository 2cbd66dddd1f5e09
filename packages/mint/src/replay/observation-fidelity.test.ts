import { describe, expect, it } from 'vitest';
import type { MintStep } from '../protocol/run-mint-episode.js';
import {
  classifyDifference,
  compareObservation,
  measureObservationFidelity,
  normalizePaths,
} from './observation-fidelity.js';

const ipython = (name: string, message: string, frames = 'Cell In[1], line 1\n----> 1 x\n') =>
  `${'-'.repeat(75)}\n${name}${' '.repeat(Math.max(1, 42 - name.length))}Traceback (most recent call last)\n${frames}\n${name}: ${message}`;
const python = (name: string, message: string) =>
  `Traceback (most recent call last):\n  File "<cell 1>", line 1, in <module>\n    x\n${name}: ${message}`;

describe('compareObservation', () => {
  it('accepts the same output and exception with different traceback frames', () => {
    expect(compareObservation('6', '6')).toBe('identical');
    expect(
      compareObservation(
        ipython('NameError', "name 'x' is not defined"),
        python('NameError', "name 'x' is not defined"),
      ),
    ).toBe('same-error');
    expect(compareObservation(`out\n${ipython('ValueError', 'bad')}`, `out\n${python('ValueError', 'bad')}`)).toBe(
      'same-error',
    );
  });

  it('ignores installation paths, module prefixes and IPython colons in the exception line', () => {
    const recorded = ipython(
      'ImportError',
      "cannot import name 'x' from 'sympy' (/usr/local/lib/python3.8/dist-packages/sympy/__init__.py)",
    );
    const ours = python(
      'ImportError',
      "cannot import name 'x' from 'sympy' (/usr/lib/python3/dist-packages/sympy/__init__.py)",
    );
    expect(compareObservation(recorded, ours)).toBe('same-error');
    expect(
      compareObservation(
        `${ipython('AssertionError', '')}`.replace(/: $/, ':'),
        python('AssertionError', '').replace(/: $/, ''),
      ),
    ).toBe('same-error');
    expect(normalizePaths('/usr/lib/python3.11/json/__init__.py')).toBe('<stdlib>/json/__init__.py');
  });

  it('reads exception messages that span several lines', () => {
    const message = 'multiple generators [c]\nNo algorithms are implemented to solve equation c';
    expect(compareObservation(ipython('NotImplementedError', message), python('NotImplementedError', message))).toBe(
      'same-error',
    );
    expect(
      compareObservation(ipython('NotImplementedError', message), python('NotImplementedError', `${message} + 1`)),
    ).toBe('different');
  });

  it('compares syntax errors by their message', () => {
    const recorded = "Cell In[1], line 1\n    print(1))\n            ^\nSyntaxError: unmatched ')'";
    const ours = 'File "<cell 1>", line 1\n    print(1))\n            ^\nSyntaxError: unmatched \')\'';
    expect(compareObservation(recorded, ours)).toBe('same-error');
    expect(compareObservation(recorded, ours.replace("unmatched ')'", 'invalid syntax'))).toBe('different');
  });

  it('treats IPython pretty-printing as equivalent but not different numbers', () => {
    expect(compareObservation('Out[1]: \n[1,\n 2]', 'Out[1]: [1, 2]')).toBe('equivalent');
    expect(compareObservation('Out[1]: 0.62', 'Out[1]: 0.63')).toBe('different');
    expect(compareObservation(`${'1, '.repeat(700)}...\n[Output Truncated]`, `${'1,\n'.repeat(800)}`)).toBe(
      'equivalent',
    );
  });

  it('names the kind of a difference', () => {
    expect(classifyDifference('{D: 42, J: 11}', '{J: 11, D: 42}')).toBe('order');
    expect(classifyDifference('0.62', '0.63')).toBe('output');
    expect(classifyDifference(ipython('AttributeError', "no attribute 'lcm'"), '(3, 6)')).toBe('error-vs-output');
    expect(classifyDifference(ipython('TypeError', 'a'), python('TypeError', 'b'))).toBe('error-message');
    expect(classifyDifference(ipython('TypeError', 'a'), python('ValueError', 'a'))).toBe('other-error');
  });
});

describe('measureObservationFidelity', () => {
  const step = (turn: number, code: string, observation: string, extra: Partial<MintStep> = {}): MintStep => ({
    turn,
    reply: `<execute>${code}</execute>`,
    parsed: { kind: 'code', code, thought: '' },
    observation,
    message: undefined,
    observationSource: 'interpreter',
    ...extra,
  });
  const message = (observation: string) =>
    `Observation:\n${observation}\nYou have 4 steps left and 2 chances to propose solution left.\n`;

  it('compares deterministic code actions and says why others were skipped', () => {
    const steps = [
      step(0, 'print(6)', '6'),
      step(1, 'print(wikipedia_search("x"))', 'Page: X', { observationSource: 'recorded-tool' }),
      step(2, 'print(7)', '8'),
      step(3, 'import random\nprint(random.random())', '0.1'),
      step(4, 'print(1)', '1'),
      step(5, 'print(2)', '2'),
    ];
    const recorded = [0, 1, 2, 3, 4].map((turn) => ({
      reply: '',
      observation: message(['6', 'Page: X', '7', '0.5', '1'][turn] as string),
    }));
    const fidelity = measureObservationFidelity(steps, recorded);
    expect(fidelity).toMatchObject({
      compared: 2,
      matched: 1,
      identical: 1,
      skipped: { tool: 1, nondeterministic: 2, 'not-recorded': 1 },
    });
    expect(fidelity.differences).toEqual([{ turn: 2, code: 'print(7)', recorded: '7', ours: '8', kind: 'output' }]);
  });

  it('stops comparing after a cell that hit the time limit', () => {
    const timeout = { stdout: '', stderr: '', artifacts: [], executionCount: 1, durationMs: 30_000, timedOut: true };
    const steps = [
      step(0, 'slow()', 'TimeoutError: Timed out after 30 seconds.', { execution: timeout }),
      step(1, 'print(x)', 'NameError'),
    ];
    const recorded = [
      { reply: '', observation: message('42') },
      { reply: '', observation: message('42') },
    ];
    expect(measureObservationFidelity(steps, recorded)).toMatchObject({ compared: 0, skipped: { timeout: 2 } });
  });
});
