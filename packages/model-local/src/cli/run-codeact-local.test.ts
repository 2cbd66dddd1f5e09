import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nodeLlamaCppVersion } from '../runtime/local-runtime.js';
import { confirmOnTerminal } from './confirm-on-terminal.js';
import { runCodeactLocal } from './run-codeact-local.js';

function capture(env: Record<string, string>, fetch?: typeof globalThis.fetch) {
  const io = {
    out: '',
    err: '',
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
    env,
    fetch,
  };
  return io;
}

describe('codeact-local', () => {
  it('reports where the runtime and models are', async () => {
    const io = capture({ CODEACT_CACHE_DIR: '/nonexistent/cache' });
    expect(await runCodeactLocal(['status'], io)).toBe(0);
    expect(io.out).toBe(
      `runtime: not installed\n  /nonexistent/cache/local-runtime/${nodeLlamaCppVersion}\nmodels: /nonexistent/cache/models\n`,
    );
  });

  it('pulls a model into the cache with progress on stderr', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'codeact-pull-'));
    try {
      const body = Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(100)]);
      const fetch = (async () =>
        new Response(body, { headers: { 'content-length': String(body.length) } })) as typeof globalThis.fetch;
      const io = capture({ CODEACT_CACHE_DIR: cache }, fetch);
      expect(await runCodeactLocal(['pull', 'hf:me/models/m.gguf'], io)).toBe(0);
      const path = join(cache, 'models', 'huggingface', 'me', 'models', 'main', 'm.gguf');
      expect(io.out).toBe(`${path}\n`);
      expect(io.err).toBe('Downloading m.gguf…\nm.gguf 100% [####################] 0.0/0.0 MB\n');
      expect(await readFile(path)).toEqual(body);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('prints usage and exits 2 for an unknown command, 1 with the message on failure', async () => {
    const unknown = capture({});
    expect(await runCodeactLocal(['frobnicate'], unknown)).toBe(2);
    expect(unknown.err).toMatch(/^Unknown command "frobnicate"\.\n\nUsage: codeact-local <command>/);
    const failing = capture({ CODEACT_OFFLINE: '1', CODEACT_CACHE_DIR: '/nonexistent/cache' });
    expect(await runCodeactLocal(['pull', 'hf:me/models/m.gguf'], failing)).toBe(1);
    expect(failing.err).toMatch(/is not downloaded yet .* downloads are off \(offline mode\)/);
  });
});

describe('confirmOnTerminal', () => {
  const request = { dir: '/d', packages: [], sizeMb: 85, message: 'Local models need the runtime.' };

  it('asks on a terminal and accepts yes', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const answer = confirmOnTerminal({ input, output })(request);
    input.write('y\n');
    expect(await answer).toBe(true);
    expect(shown).toBe('Local models need the runtime.\nInstall it now? [y/N] ');
  });

  it('answers no without a terminal', async () => {
    expect(await confirmOnTerminal({ input: new PassThrough() })(request)).toBe(false);
  });
});
