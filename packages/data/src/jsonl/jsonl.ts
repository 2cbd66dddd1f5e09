import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ConfigurationError } from '@codeact/core';

/**
 * Parsed lines of a JSONL file, gunzipped when its name ends in `.gz` (blank lines skipped).
 * A bad line is a `ConfigurationError` naming it.
 */
export async function* readJsonl(path: string): AsyncGenerator<unknown> {
  const file = createReadStream(path);
  const input = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  if (input !== file) file.on('error', (error) => input.destroy(error));
  input.setEncoding('utf8');
  const lines = createInterface({
    input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line);
    } catch (error) {
      throw new ConfigurationError(`${path}:${lineNumber}: not JSON: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Writes one JSON value per line; resolves with the number written once the file is flushed. */
export async function writeJsonl(path: string, values: AsyncIterable<unknown> | Iterable<unknown>): Promise<number> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(stream, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => {});
  let count = 0;
  for await (const value of values) {
    if (!stream.write(`${JSON.stringify(value)}\n`)) await Promise.race([once(stream, 'drain'), failed]);
    count += 1;
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  return count;
}

/** Collects an async iterable into an array. */
export async function toArray<T>(values: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const value of values) items.push(value);
  return items;
}

/** Turns an array into an async iterable. */
export async function* fromArray<T>(values: Iterable<T>): AsyncGenerator<T> {
  yield* values;
}
