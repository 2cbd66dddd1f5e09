import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@codeact/source'] },
  ssr: { resolve: { conditions: ['@codeact/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'benchmarks/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['./test/console-guard.ts'],
  },
});
