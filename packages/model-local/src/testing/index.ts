/**
 * Test helpers: a tiny generated GGUF model and the runtime install for test suites:
 * `@codeact/model-local/testing`.
 * @module
 */
export { ensureTestRuntime, testRuntimeDir } from './test-runtime.js';
export { buildTinyGguf, type TinyGgufOptions, writeTinyGguf } from './write-tiny-gguf.js';
