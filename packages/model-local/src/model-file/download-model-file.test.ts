import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DownloadProgress, downloadModelFile } from './download-model-file.js';
import { createDownloadProgressReporter, formatDownloadProgress } from './format-download-progress.js';
import { parseModelSource } from './model-source.js';
import { resolveModelFile } from './resolve-model-file.js';

const content = Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(5000, 7)]);
const url = 'https://huggingface.co/me/models/resolve/main/m.gguf';

type Request = { url: string; range: string | undefined; authorization: string | undefined };

/** Serves `body`, honouring range requests, in 1000-byte chunks; can break off after `failAfter` bytes. */
function fakeFetch(body: Buffer, options: { status?: number; failAfter?: number } = {}) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const range = headers.get('range') ?? undefined;
    requests.push({ url: String(input), range, authorization: headers.get('authorization') ?? undefined });
    if (options.status) return new Response('nope', { status: options.status });
    const from = range ? Number(/bytes=(\d+)-/.exec(range)?.[1]) : 0;
    const slice = body.subarray(from);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (options.failAfter !== undefined && sent >= options.failAfter) {
          controller.error(new Error('connection reset'));
          return;
        }
        const chunk = slice.subarray(sent, sent + 1000);
        sent += chunk.length;
        if (chunk.length === 0) controller.close();
        else controller.enqueue(new Uint8Array(chunk));
      },
    });
    return new Response(stream, {
      status: range ? 206 : 200,
      headers: { 'content-length': String(slice.length) },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-download-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('downloadModelFile', () => {
  it('streams into place and reports progress', async () => {
    const { fetch } = fakeFetch(content);
    const progress: DownloadProgress[] = [];
    const path = join(dir, 'sub', 'm.gguf');
    await downloadModelFile({ url, path, fetch, onProgress: (event) => progress.push(event) });
    expect(await readFile(path)).toEqual(content);
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(progress.at(0)).toEqual({
      file: 'm.gguf',
      downloadedBytes: 0,
      totalBytes: 5004,
      resumedFromBytes: 0,
      done: false,
    });
    expect(progress.at(-1)).toEqual({
      file: 'm.gguf',
      downloadedBytes: 5004,
      totalBytes: 5004,
      resumedFromBytes: 0,
      done: true,
    });
  });

  it('keeps a broken-off download and resumes it with a range request', async () => {
    const path = join(dir, 'm.gguf');
    const broken = fakeFetch(content, { failAfter: 3000 });
    await expect(downloadModelFile({ url, path, fetch: broken.fetch, advice: 'Try curl.' })).rejects.toThrow(
      /broke off at 3000 bytes: connection reset\. Run again to resume it\. Try curl\./,
    );
    expect((await readFile(`${path}.part`)).length).toBe(3000);

    const resumed = fakeFetch(content);
    const progress: DownloadProgress[] = [];
    await downloadModelFile({ url, path, fetch: resumed.fetch, onProgress: (event) => progress.push(event) });
    expect(resumed.requests).toEqual([{ url, range: 'bytes=3000-', authorization: undefined }]);
    expect(await readFile(path)).toEqual(content);
    expect(progress.at(-1)).toMatchObject({ downloadedBytes: 5004, totalBytes: 5004, resumedFromBytes: 3000 });
  });

  it('explains refused, missing and non-GGUF files', async () => {
    const path = join(dir, 'm.gguf');
    await expect(downloadModelFile({ url, path, fetch: fakeFetch(content, { status: 401 }).fetch })).rejects.toThrow(
      /refused \(401\): the repository may be gated or private\. Accept its terms on huggingface\.co and set HF_TOKEN\./,
    );
    await expect(downloadModelFile({ url, path, fetch: fakeFetch(content, { status: 404 }).fetch })).rejects.toThrow(
      /does not exist \(404\)/,
    );
    await expect(downloadModelFile({ url, path, fetch: fakeFetch(Buffer.from('<html>')).fetch })).rejects.toThrow(
      /is not a GGUF file/,
    );
    expect(existsSync(`${path}.part`)).toBe(false);
  });
});

describe('resolveModelFile', () => {
  const source = parseModelSource('hf:me/models/m.gguf');

  it('downloads once, sends HF_TOKEN, then uses the cached file without the network', async () => {
    const { fetch, requests } = fakeFetch(content);
    const options = { modelsDir: dir, fetch, env: { HF_TOKEN: 'hf_secret' } };
    const path = await resolveModelFile(source, options);
    expect(path).toBe(join(dir, 'huggingface', 'me', 'models', 'main', 'm.gguf'));
    expect(await resolveModelFile(source, { ...options, offline: true })).toBe(path);
    expect(requests).toEqual([{ url, range: undefined, authorization: 'Bearer hf_secret' }]);
  });

  it('fails offline without a cached file, saying how to get it', async () => {
    const failure = await resolveModelFile(source, { modelsDir: dir, env: { CODEACT_OFFLINE: '1' } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toBe(
      `${url} is not downloaded yet (looked for ${join(dir, 'huggingface/me/models/main/m.gguf')}) and downloads are off (offline mode). Run once with internet access to download it. To get the file another way, run: curl -L --create-dirs -o '${join(dir, 'huggingface/me/models/main/m.gguf')}' '${url}' and try again, or pass local:/path/to/model.gguf.`,
    );
  });

  it('fails without a network the same way, keeping the advice', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      });
    }) as typeof globalThis.fetch;
    await expect(resolveModelFile(source, { modelsDir: dir, fetch, env: {} })).rejects.toThrow(
      /^Could not download https:\/\/huggingface\.co\/me\/models\/resolve\/main\/m\.gguf \(ENOTFOUND\): fetch failed\. Check the internet connection\. To get the file another way, run: curl -L/,
    );
  });

  it('names the missing file for a path', async () => {
    await expect(resolveModelFile({ type: 'file', path: join(dir, 'none.gguf') })).rejects.toThrow(
      /^No model file at .*none\.gguf\. Pass the path of a \.gguf file/,
    );
    await writeFile(join(dir, 'm.gguf'), content);
    expect(await resolveModelFile({ type: 'file', path: join(dir, 'm.gguf') })).toBe(join(dir, 'm.gguf'));
  });
});

describe('download progress', () => {
  const event = {
    file: 'm.gguf',
    downloadedBytes: 3 * 2 ** 20,
    totalBytes: 12 * 2 ** 20,
    resumedFromBytes: 0,
    done: false,
  };

  it('formats a bar', () => {
    expect(formatDownloadProgress(event, 8)).toBe('m.gguf  25% [##------] 3.0/12.0 MB');
    expect(formatDownloadProgress({ ...event, totalBytes: undefined })).toBe('m.gguf  3.0 MB');
  });

  it('redraws one terminal line at most every interval, and writes start and end lines elsewhere', () => {
    let time = 0;
    const terminal = {
      isTTY: true,
      text: '',
      write(text: string) {
        this.text += text;
      },
    };
    const report = createDownloadProgressReporter(terminal, { intervalMs: 100, now: () => time });
    report(event);
    time = 50;
    report({ ...event, downloadedBytes: 4 * 2 ** 20 });
    time = 200;
    report({ ...event, downloadedBytes: 12 * 2 ** 20, done: true });
    expect(terminal.text.split('\r').filter(Boolean)).toHaveLength(2);
    expect(terminal.text.endsWith('100% [####################] 12.0/12.0 MB\n')).toBe(true);

    const log = {
      text: '',
      write(text: string) {
        this.text += text;
      },
    };
    const plain = createDownloadProgressReporter(log);
    plain(event);
    plain(event);
    plain({ ...event, downloadedBytes: 12 * 2 ** 20, done: true });
    expect(log.text).toBe('Downloading m.gguf…\nm.gguf 100% [####################] 12.0/12.0 MB\n');
  });
});
