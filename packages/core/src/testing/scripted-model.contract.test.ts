import { ScriptExhaustedError } from '../errors/script-exhausted-error.js';
import { modelContract } from './model-contract.js';
import { modelError, modelText, ScriptedModel } from './scripted-model.js';

modelContract({
  name: 'ScriptedModel',
  createModel: (reply) => new ScriptedModel({ steps: [modelText(reply)], chunkSize: 5 }),
  createFailingModel: () => new ScriptedModel([modelError(new ScriptExhaustedError('no reply left'))]),
});

modelContract({
  name: 'ScriptedModel ignoring stop sequences',
  createModel: (reply) => new ScriptedModel({ steps: [modelText(reply)], ignoreStopSequences: true }),
});
