import { defineConfig } from 'vitest/config';

/**
 * Test files kept out of the default `npm test` until they are reliable under a parallel run; they run
 * with `npm run test:unsettled` (vitest.unsettled.config.ts). See docs/scale-out.md.
 */
export const unsettledTests = [
  // BullMQ's PostgreSQL backend logs a terminated connection when the temporary server stops.
  'packages/queue/src/queue-rate-limiter.test.ts',
];

export default defineConfig({
  resolve: { conditions: ['@codeact/source'] },
  ssr: { resolve: { conditions: ['@codeact/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'benchmarks/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts', ...unsettledTests],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['./test/console-guard.ts'],
  },
});
