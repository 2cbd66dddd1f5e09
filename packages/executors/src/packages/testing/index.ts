/**
 * Test support for packages on demand: tiny wheels and a PEP 503 index of them, built offline.
 * @module
 */
export { buildTestIndex, serveTestIndex, type TestIndex } from './serve-test-index.js';
