import { ScriptExhaustedError } from '../errors/script-exhausted-error.js';
import { modelContract } from '../testing/model-contract.js';
import { modelError, modelText, ScriptedModel } from '../testing/scripted-model.js';
import { meterModel } from './meter-model.js';

modelContract({
  name: 'meterModel wrapper',
  createModel: (reply) => meterModel(new ScriptedModel({ steps: [modelText(reply)], chunkSize: 7 })).model,
  createFailingModel: () => meterModel(new ScriptedModel([modelError(new ScriptExhaustedError('none left'))])).model,
});
