import { describe, expect, it } from 'vitest';
import type { Execution } from '../executor/execution.js';
import { noOutputMarker, renderObservation } from './render-observation.js';
import { truncateOutput } from './truncate-output.js';

const execution = (fields: Partial<Execution>): Execution => ({
  stdout: '',
  stderr: '',
  artifacts: [],
  executionCount: 1,
  durationMs: 1,
  ...fields,
});

describe('renderObservation', () => {
  it('marks empty output explicitly', () => {
    expect(renderObservation(execution({}))).toBe(`Observation:\n${noOutputMarker}`);
  });

  it('joins stdout, stderr, the trailing value and the traceback in order', () => {
    const text = renderObservation(
      execution({
        stdout: 'a\n',
        stderr: 'warn',
        result: '3',
        executionCount: 4,
        error: {
          name: 'ValueError',
          message: 'bad',
          traceback: 'Traceback (most recent call last):\nValueError: bad\n',
        },
      }),
    );
    expect(text).toBe('Observation:\na\nwarn\nOut[4]: 3\nTraceback (most recent call last):\nValueError: bad');
  });

  it('shows figures as placeholders and says when state was lost', () => {
    const text = renderObservation(
      execution({
        artifacts: [{ type: 'image', mimeType: 'image/png', data: 'AA==', name: 'figure-1.png' }],
        stateLost: true,
      }),
      { prefix: '' },
    );
    expect(text).toContain('[figure-1.png was shown to the user]');
    expect(text).toContain('interpreter was restarted');
    expect(text).not.toContain(noOutputMarker);
  });

  it('truncates head and tail within the budget', () => {
    const text = renderObservation(execution({ stdout: `${'a'.repeat(5000)}${'z'.repeat(5000)}` }), {
      maxChars: 1000,
      prefix: '',
    });
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text.startsWith('aaa')).toBe(true);
    expect(text.endsWith('zzz')).toBe(true);
    expect(text).toMatch(/\[\.\.\. \d+ characters truncated \.\.\.\]/);
  });
});

describe('truncateOutput', () => {
  it('leaves short text alone and reports the exact cut', () => {
    expect(truncateOutput('short', 10)).toBe('short');
    const cut = truncateOutput('x'.repeat(200), 100);
    const removed = Number(/\[\.\.\. (\d+) characters/.exec(cut)?.[1]);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect((cut.match(/x/g) ?? []).length + removed).toBe(200);
  });
});
