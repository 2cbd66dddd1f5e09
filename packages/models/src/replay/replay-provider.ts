import { resolve } from 'node:path';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { loadReplayModel } from './load-replay-model.js';

/** `replay:PATH`: plays back recorded runs under PATH (relative to `cwd`); see `loadReplayModel`. */
export const replayProvider: ModelProviderFactory = ({ modelId, cwd }) =>
  loadReplayModel(resolve(cwd, modelId), { modelId });
