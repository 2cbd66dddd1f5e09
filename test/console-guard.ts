import { afterEach, beforeEach, expect, vi } from 'vitest';

// Tests must not print: output belongs to the code under test and is asserted, not shown.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const spies: ReturnType<typeof vi.spyOn>[] = [];

beforeEach(() => {
  spies.length = 0;
  for (const method of methods) {
    spies.push(
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        throw new Error(`console.${method} called in a test: ${args.map(String).join(' ')}`);
      }),
    );
  }
});

afterEach(() => {
  // A library may swallow the throw above; the call itself still fails the test.
  const calls = spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(' ')));
  vi.restoreAllMocks();
  expect(calls, 'console output during the test').toEqual([]);
});
