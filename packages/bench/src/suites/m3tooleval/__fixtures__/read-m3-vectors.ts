import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Parsed lines of one of the gzipped golden vector files beside this module (see README.md here). */
export function readM3Vectors<T>(name: string): T[] {
  const text = gunzipSync(readFileSync(new URL(`./${name}.jsonl.gz`, import.meta.url))).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
