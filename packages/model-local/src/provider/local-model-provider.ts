import { ConfigurationError } from '@codeact/core';
import type { ModelProviderFactory } from '@codeact/models';
import { actionGrammarNames, isActionGrammarName } from '../grammar/select-action-grammar.js';
import { createDownloadProgressReporter } from '../model-file/format-download-progress.js';
import { createLocalModel } from './create-local-model.js';
import type { LocalModelSettings } from './local-language-model.js';

/**
 * The model `codeact` suggests when no API key or server is configured: Qwen2.5-Coder 1.5B Instruct,
 * Q4_K_M (about 1 GB, Apache-2.0), downloaded once.
 */
export const defaultLocalModel = 'hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf';

/** Settings every `local:` model gets, below the options in the spec itself. */
export type LocalModelProviderSettings = Omit<LocalModelSettings, 'model' | 'cwd'>;

const optionNames = ['grammar', 'threads', 'ctx', 'chat', 'temperature', 'seed', 'gpu', 'max-tokens'] as const;
type OptionName = (typeof optionNames)[number];

function wholeNumber(name: string, value: string, minimum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new ConfigurationError(`Model option ${name}=${value} must be a whole number of at least ${minimum}.`);
  }
  return number;
}

function applyOption(settings: Record<string, unknown>, name: OptionName, value: string): void {
  switch (name) {
    case 'grammar':
      if (!isActionGrammarName(value)) {
        throw new ConfigurationError(
          `Model option grammar=${value} is unknown. Use one of: ${actionGrammarNames.join(', ')}.`,
        );
      }
      settings.grammar = value;
      return;
    case 'threads':
      settings.threads = wholeNumber(name, value, 1);
      return;
    case 'ctx':
      settings.contextSize = wholeNumber(name, value, 64);
      return;
    case 'chat':
      settings.chatTemplate = value;
      return;
    case 'temperature': {
      const temperature = Number(value);
      if (!Number.isFinite(temperature) || temperature < 0) {
        throw new ConfigurationError(`Model option temperature=${value} must be a number of at least 0.`);
      }
      settings.temperature = temperature;
      return;
    }
    case 'seed':
      settings.seed = wholeNumber(name, value, 0);
      return;
    case 'gpu':
      if (!['auto', 'metal', 'cuda', 'vulkan', 'false', 'off'].includes(value)) {
        throw new ConfigurationError(`Model option gpu=${value} is unknown. Use auto, metal, cuda, vulkan or false.`);
      }
      settings.gpu = value === 'false' || value === 'off' ? false : value;
      return;
    case 'max-tokens':
      settings.maxOutputTokens = wholeNumber(name, value, 1);
      return;
  }
}

/**
 * Splits the part of a `local:` spec after the prefix into the model and its options:
 * `./qwen.gguf?grammar=json&threads=2` → model `./qwen.gguf`, `{ grammar: 'json', threads: 2 }`.
 * Options: `grammar` (auto, codeact, json, marked, none), `threads`, `ctx` (context tokens), `chat`
 * (chat template: auto or a node-llama-cpp wrapper name), `temperature`, `seed`, `gpu`, `max-tokens`.
 */
export function parseLocalModelSpec(modelId: string): { model: string; settings: Partial<LocalModelSettings> } {
  const at = modelId.lastIndexOf('?');
  const query = at === -1 ? '' : modelId.slice(at + 1);
  if (at === -1 || !/^[\w-]+=[^&=]*(&[\w-]+=[^&=]*)*$/.test(query)) return { model: modelId.trim(), settings: {} };
  const settings: Record<string, unknown> = {};
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    if (!(optionNames as readonly string[]).includes(name)) {
      throw new ConfigurationError(
        `Unknown model option "${name}" in local:${modelId}. Options: ${optionNames.join(', ')}.`,
      );
    }
    applyOption(settings, name as OptionName, decodeURIComponent(value));
  }
  return { model: modelId.slice(0, at).trim(), settings: settings as Partial<LocalModelSettings> };
}

/**
 * The `local:` provider for `resolveModel`: `local:PATH.gguf`, `local:hf:<owner>/<repo>/<file>.gguf`
 * or `local:https://…/file.gguf`, with `?option=value&…` (see `parseLocalModelSpec`). Downloads
 * show a progress bar on stderr unless `download.onProgress` is given.
 *
 * @example
 * ```ts
 * registerModelProvider('local', localModelProvider({ runtime: { confirm: askYesNo } }));
 * const model = await resolveModel('local:hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf');
 * ```
 */
export function localModelProvider(defaults: LocalModelProviderSettings = {}): ModelProviderFactory {
  return ({ modelId, cwd, env }) => {
    const { model, settings } = parseLocalModelSpec(modelId);
    return createLocalModel({
      ...defaults,
      ...settings,
      model,
      modelId: model,
      cwd,
      env: defaults.env ?? env,
      download: {
        ...defaults.download,
        onProgress: defaults.download?.onProgress ?? createDownloadProgressReporter(process.stderr),
      },
    });
  };
}
