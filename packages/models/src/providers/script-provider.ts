import { resolve } from 'node:path';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { loadScriptedModel } from '../script/load-scripted-model.js';

/** `script:PATH`: plays back the JSONL replies in PATH (relative to `cwd`); see docs/scripted-models.md. */
export const scriptProvider: ModelProviderFactory = ({ modelId, cwd }) =>
  loadScriptedModel(resolve(cwd, modelId), { modelId });
