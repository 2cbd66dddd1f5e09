import { defineConfig } from 'vitest/config';
import base, { unsettledTests } from './vitest.config.js';

/** The test files `npm test` leaves out for now (see vitest.config.ts), run on their own. */
export default defineConfig({
  ...base,
  test: { ...base.test, include: unsettledTests, exclude: ['**/node_modules/**'] },
});
