import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError } from '@codeact/core';

/** Where a GGUF file comes from. */
export type ModelSource =
  | { readonly type: 'file'; readonly path: string }
  | {
      readonly type: 'huggingface';
      /** `owner/name`. */
      readonly repo: string;
      /** The file's path in the repository. */
      readonly file: string;
      /** Branch, tag or commit. Default `main`. */
      readonly revision: string;
      readonly url: string;
    }
  | { readonly type: 'url'; readonly url: string; readonly file: string };

const segment = /^[A-Za-z0-9][\w.-]*$/;

/**
 * Reads the model part of a `local:` spec: `hf:<owner>/<repo>/<file>.gguf` (optionally
 * `hf:<owner>/<repo>@<revision>/<file>`), an `https://` URL, or a file path (`~` expanded, relative
 * to `cwd`).
 */
export function parseModelSource(text: string, cwd: string = process.cwd()): ModelSource {
  const value = text.trim();
  if (value === '')
    throw new ConfigurationError('No model file given. Write local:PATH.gguf or local:hf:<owner>/<repo>/<file>.gguf.');
  if (value.startsWith('hf:')) {
    const [owner = '', nameWithRevision = '', ...fileParts] = value.slice(3).split('/');
    const [name = '', revision = 'main'] = nameWithRevision.split('@', 2);
    const file = fileParts.join('/');
    if (!segment.test(owner) || !segment.test(name) || file === '' || fileParts.some((part) => !segment.test(part))) {
      throw new ConfigurationError(
        `"${value}" is not a Hugging Face file. Write hf:<owner>/<repo>/<file>.gguf, e.g. hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf.`,
      );
    }
    const repo = `${owner}/${name}`;
    const url = `https://huggingface.co/${repo}/resolve/${encodeURIComponent(revision)}/${fileParts.map(encodeURIComponent).join('/')}`;
    return { type: 'huggingface', repo, file, revision, url };
  }
  if (/^https?:\/\//.test(value)) {
    const url = new URL(value);
    const file = decodeURIComponent(url.pathname.split('/').at(-1) ?? '') || 'model.gguf';
    return { type: 'url', url: url.href, file };
  }
  const expanded = value === '~' || value.startsWith('~/') ? join(homedir(), value.slice(1)) : value;
  return { type: 'file', path: isAbsolute(expanded) ? expanded : resolve(cwd, expanded) };
}

/** Where a downloaded source is kept under `modelsDir`. */
export function cachedModelPath(source: Exclude<ModelSource, { type: 'file' }>, modelsDir: string): string {
  if (source.type === 'huggingface') {
    return join(modelsDir, 'huggingface', ...source.repo.split('/'), source.revision, ...source.file.split('/'));
  }
  const url = new URL(source.url);
  return join(modelsDir, 'url', url.host, ...url.pathname.split('/').filter(Boolean).map(decodeURIComponent));
}
