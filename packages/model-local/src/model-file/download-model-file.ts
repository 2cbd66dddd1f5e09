import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError } from '@codeact/core';

export type DownloadProgress = {
  readonly file: string;
  readonly downloadedBytes: number;
  /** Undefined when the server sends no length. */
  readonly totalBytes: number | undefined;
  /** Bytes that were already on disk from an interrupted download. */
  readonly resumedFromBytes: number;
  readonly done: boolean;
};

export type DownloadModelFileOptions = {
  readonly url: string;
  /** The final path; the download goes to `<path>.part` until complete. */
  readonly path: string;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly onProgress?: ((progress: DownloadProgress) => void) | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  /** What to tell the user if the file cannot be fetched (how to get it some other way). */
  readonly advice?: string | undefined;
};

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

async function startsWithGgufMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer.toString('latin1') === 'GGUF';
  } finally {
    await handle.close();
  }
}

/**
 * Downloads a model file once: it streams into `<path>.part`, resumes an interrupted download with
 * an HTTP range request, checks the GGUF magic and renames into place. Failures throw
 * `ConfigurationError` saying what to do; the partial file is kept for the next attempt.
 */
export async function downloadModelFile(options: DownloadModelFileOptions): Promise<string> {
  const { url, path } = options;
  const fetch = options.fetch ?? globalThis.fetch;
  const partPath = `${path}.part`;
  const file = path.split(/[\\/]/).at(-1) ?? path;
  const advice = options.advice ? ` ${options.advice}` : '';
  await mkdir(dirname(path), { recursive: true });
  let resumedFromBytes = await sizeOf(partPath);
  const request = (from: number) =>
    fetch(url, {
      headers: { ...options.headers, ...(from > 0 ? { range: `bytes=${from}-` } : {}) },
      redirect: 'follow',
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    });
  let response: Response;
  try {
    response = await request(resumedFromBytes);
    if (response.status === 416 && resumedFromBytes > 0) {
      await rm(partPath, { force: true });
      resumedFromBytes = 0;
      response = await request(0);
    }
  } catch (error) {
    if (options.abortSignal?.aborted) throw options.abortSignal.reason;
    const code = networkCode(error);
    throw new ConfigurationError(
      `Could not download ${url}${code ? ` (${code})` : ''}: ${(error as Error).message}. Check the internet connection.${advice}`,
      { cause: error },
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new ConfigurationError(
      `Downloading ${url} was refused (${response.status}): the repository may be gated or private. Accept its terms on huggingface.co and set HF_TOKEN.${advice}`,
    );
  }
  if (response.status === 404) {
    throw new ConfigurationError(`${url} does not exist (404). Check the repository and file name.${advice}`);
  }
  if (!response.ok || !response.body) {
    throw new ConfigurationError(`Downloading ${url} failed with HTTP ${response.status}.${advice}`);
  }
  const resumed = response.status === 206 ? resumedFromBytes : 0;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const totalBytes = Number.isFinite(length) ? resumed + length : undefined;
  let downloadedBytes = resumed;
  const report = (done: boolean) =>
    options.onProgress?.({ file, downloadedBytes, totalBytes, resumedFromBytes: resumed, done });
  report(false);
  // Each chunk is on disk before the next is read, so a broken-off download resumes where it stopped.
  const handle = await open(partPath, resumed > 0 ? 'a' : 'w');
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      await handle.write(chunk);
      downloadedBytes += chunk.length;
      report(false);
    }
  } catch (error) {
    if (options.abortSignal?.aborted) throw options.abortSignal.reason;
    throw new ConfigurationError(
      `The download of ${url} broke off at ${downloadedBytes} bytes: ${(error as Error).message}. Run again to resume it.${advice}`,
      { cause: error },
    );
  } finally {
    await handle.close();
  }
  const size = await sizeOf(partPath);
  if (totalBytes !== undefined && size !== totalBytes) {
    throw new ConfigurationError(
      `The download of ${url} ended at ${size} of ${totalBytes} bytes. Run again to resume it.${advice}`,
    );
  }
  if (!(await startsWithGgufMagic(partPath))) {
    await rm(partPath, { force: true });
    throw new ConfigurationError(`${url} is not a GGUF file (it does not start with "GGUF").`);
  }
  await rename(partPath, path);
  report(true);
  return path;
}
