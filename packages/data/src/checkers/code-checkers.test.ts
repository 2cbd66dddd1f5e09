import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { appsHarness } from './code-checkers.js';

// The harness is Python; run it with the system interpreter the sandbox also uses.
const verdict = (solution: string, tests: unknown) =>
  execFileSync('python3', ['-c', appsHarness(solution, tests)], { encoding: 'utf8', timeout: 20_000 }).trim();

describe('appsHarness', () => {
  it('passes a stdin/stdout solution only when every test matches', () => {
    const tests = { inputs: ['1 2\n', '5 7\n'], outputs: ['3\n', '12\n'] };
    expect(verdict('a, b = map(int, input().split())\nprint(a + b)', tests)).toBe('CODEACT_APPS_VERDICT pass');
    expect(verdict('a, b = map(int, input().split())\nprint(a * b)', tests)).toBe('CODEACT_APPS_VERDICT fail');
    expect(verdict('print(', tests)).toBe('CODEACT_APPS_VERDICT fail');
  });

  it('calls fn_name (or a Solution method) with each input', () => {
    const tests = { fn_name: 'largest', inputs: [[[1, 5, 2]], [[-3, -1]]], outputs: [5, -1] };
    expect(verdict('def largest(values):\n    return max(values)', tests)).toBe('CODEACT_APPS_VERDICT pass');
    expect(verdict('class Solution:\n    def largest(self, values):\n        return max(values)', tests)).toBe(
      'CODEACT_APPS_VERDICT pass',
    );
    expect(verdict('def largest(values):\n    return min(values)', tests)).toBe('CODEACT_APPS_VERDICT fail');
  });

  it('accepts whitespace and float-tolerant output differences', () => {
    expect(verdict('print("1  2 ")\nprint(0.30000000000000004)', { inputs: [''], outputs: ['1 2\n0.3'] })).toBe(
      'CODEACT_APPS_VERDICT pass',
    );
  });
});
