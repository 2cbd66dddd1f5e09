import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { cachedModelPath, parseModelSource } from './model-source.js';

describe('parseModelSource', () => {
  it('reads Hugging Face files, with an optional revision', () => {
    expect(
      parseModelSource('hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf'),
    ).toEqual({
      type: 'huggingface',
      repo: 'Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF',
      file: 'qwen2.5-coder-1.5b-instruct-q4_k_m.gguf',
      revision: 'main',
      url: 'https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf',
    });
    expect(parseModelSource('hf:me/models@v2/sub/dir/m.gguf')).toMatchObject({
      repo: 'me/models',
      file: 'sub/dir/m.gguf',
      url: 'https://huggingface.co/me/models/resolve/v2/sub/dir/m.gguf',
    });
  });

  it('refuses a Hugging Face spec without a file', () => {
    expect(() => parseModelSource('hf:Qwen/Qwen2.5-Coder')).toThrow(ConfigurationError);
    expect(() => parseModelSource('hf:Qwen/Qwen2.5-Coder')).toThrow(/Write hf:<owner>\/<repo>\/<file>\.gguf/);
  });

  it('resolves paths against cwd and expands ~, and accepts URLs', () => {
    expect(parseModelSource('models/m.gguf', '/work')).toEqual({ type: 'file', path: '/work/models/m.gguf' });
    expect(parseModelSource('/abs/m.gguf', '/work')).toEqual({ type: 'file', path: '/abs/m.gguf' });
    expect(parseModelSource('~/m.gguf')).toEqual({ type: 'file', path: join(homedir(), 'm.gguf') });
    expect(parseModelSource('https://example.com/a/b%20c.gguf')).toEqual({
      type: 'url',
      url: 'https://example.com/a/b%20c.gguf',
      file: 'b c.gguf',
    });
  });
});

describe('cachedModelPath', () => {
  it('keeps downloads per repository and revision', () => {
    const source = parseModelSource('hf:me/models@v2/sub/m.gguf');
    if (source.type === 'file') throw new Error('unexpected');
    expect(cachedModelPath(source, '/cache/models')).toBe('/cache/models/huggingface/me/models/v2/sub/m.gguf');
    const url = parseModelSource('https://example.com/a/m.gguf');
    if (url.type === 'file') throw new Error('unexpected');
    expect(cachedModelPath(url, '/cache/models')).toBe('/cache/models/url/example.com/a/m.gguf');
  });
});
