import { join } from 'node:path';
import { modelContract } from '@codeact/core/testing';
import { testModelSettings, useTinyModels } from './__fixtures__/tiny-models.js';
import { createLocalModel } from './create-local-model.js';

const models = useTinyModels();

// A tiny random-weight GGUF on llama.cpp: its text cannot be chosen, so only the cases about form run.
modelContract({
  name: 'local model (tiny GGUF)',
  scriptable: false,
  createModel: () => createLocalModel({ ...testModelSettings, model: models.random, grammar: 'none' }),
  createFailingModel: () =>
    createLocalModel({ ...testModelSettings, model: join(models.dir, 'missing.gguf'), grammar: 'none' }),
});
