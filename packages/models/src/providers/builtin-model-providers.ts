import { replayProvider } from '../replay/index.js';
import type { ModelProviderFactory } from '../resolve/model-provider.js';
import { anthropicProvider } from './anthropic-provider.js';
import { openaiCompatiblePresets } from './openai-compatible-presets.js';
import { openaiCompatibleProvider } from './openai-compatible-provider.js';
import { openaiProvider } from './openai-provider.js';
import { scriptProvider } from './script-provider.js';

/** The providers every registry created by `resolveModel` starts with. */
export const builtinModelProviders: Readonly<Record<string, ModelProviderFactory>> = {
  openai: openaiProvider,
  anthropic: anthropicProvider,
  'openai-compatible': openaiCompatibleProvider,
  script: scriptProvider,
  replay: replayProvider,
  ...openaiCompatiblePresets,
};
