import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import { codeactCacheDir, type Env } from '../runtime/cache-dir.js';
import { type DownloadProgress, downloadModelFile } from './download-model-file.js';
import { cachedModelPath, type ModelSource } from './model-source.js';

export type ResolveModelFileOptions = {
  /** Downloads go here. Default `<cache>/models` (see `codeactCacheDir`). */
  readonly modelsDir?: string | undefined;
  /** Never touch the network; default from `CODEACT_OFFLINE` or `HF_HUB_OFFLINE`. */
  readonly offline?: boolean | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly onProgress?: ((progress: DownloadProgress) => void) | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /** `HF_TOKEN` (gated repositories), the offline switches and the cache location are read here. */
  readonly env?: Env | undefined;
};

const truthy = (value: string | undefined) => ['1', 'true', 'yes', 'on'].includes((value ?? '').trim().toLowerCase());

/** The default models directory: `<cache>/models`. */
export function defaultModelsDir(env: Env = process.env): string {
  return join(codeactCacheDir(env), 'models');
}

/**
 * The local path of a model: a file as given, or a download cached in `modelsDir` (fetched on first
 * use with progress and resume; a cached file is used without any network access).
 */
export async function resolveModelFile(source: ModelSource, options: ResolveModelFileOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  if (source.type === 'file') {
    if (!existsSync(source.path)) {
      throw new ConfigurationError(
        `No model file at ${source.path}. Pass the path of a .gguf file, or a Hugging Face file as local:hf:<owner>/<repo>/<file>.gguf to download it once.`,
      );
    }
    return source.path;
  }
  const path = cachedModelPath(source, options.modelsDir ?? defaultModelsDir(env));
  if (existsSync(path)) return path;
  const manual = `To get the file another way, run: curl -L --create-dirs -o '${path}' '${source.url}' and try again, or pass local:/path/to/model.gguf.`;
  if (options.offline ?? (truthy(env.CODEACT_OFFLINE) || truthy(env.HF_HUB_OFFLINE))) {
    throw new ConfigurationError(
      `${source.url} is not downloaded yet (looked for ${path}) and downloads are off (offline mode). Run once with internet access to download it. ${manual}`,
    );
  }
  const token = env.HF_TOKEN?.trim();
  return downloadModelFile({
    url: source.url,
    path,
    fetch: options.fetch,
    headers: source.type === 'huggingface' && token ? { authorization: `Bearer ${token}` } : {},
    onProgress: options.onProgress,
    abortSignal: options.abortSignal,
    advice: manual,
  });
}
