import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureTestRuntime, testRuntimeDir } from '../../testing/test-runtime.js';
import { writeTinyGguf } from '../../testing/write-tiny-gguf.js';
import { disposeLocalModels } from '../local-engine.js';

export type TinyModels = {
  /** Random weights with a ChatML template. */
  random: string;
  /** Answers every ChatML prompt with `<execute>print(6 * 7)</execute>`. */
  scripted: string;
  /** Random weights without a chat template. */
  noTemplate: string;
  dir: string;
};

/** What every local model in the tests uses: the test runtime, never installed by the model, one thread. */
export const testModelSettings = {
  runtime: { dir: testRuntimeDir(), install: 'no' as const },
  threads: 1,
  contextSize: 2048,
  env: {},
};

/** Installs the runtime (cached) and writes the tiny models into a temp dir for the file's tests. */
export function useTinyModels(): TinyModels {
  const models = { random: '', scripted: '', noTemplate: '', dir: '' };
  beforeAll(async () => {
    await ensureTestRuntime();
    models.dir = await mkdtemp(join(tmpdir(), 'codeact-tiny-gguf-'));
    models.random = await writeTinyGguf(join(models.dir, 'random.gguf'), { seed: 1 });
    models.scripted = await writeTinyGguf(join(models.dir, 'scripted.gguf'), { seed: 1, scripted: true });
    models.noTemplate = await writeTinyGguf(join(models.dir, 'no-template.gguf'), { seed: 2, chatTemplate: false });
  }, 180_000);
  afterAll(async () => {
    await disposeLocalModels();
    await rm(models.dir, { recursive: true, force: true });
  });
  return models;
}
