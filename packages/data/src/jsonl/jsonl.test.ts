import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonl, toArray } from './jsonl.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readJsonl', () => {
  it('reads plain and gzipped files alike, skipping blank lines', async () => {
    const text = '{"a":1}\n\n{"b":"é"}\n';
    await writeFile(join(dir, 'plain.jsonl'), text);
    await writeFile(join(dir, 'packed.jsonl.gz'), gzipSync(text));
    const expected = [{ a: 1 }, { b: 'é' }];
    expect(await toArray(readJsonl(join(dir, 'plain.jsonl')))).toEqual(expected);
    expect(await toArray(readJsonl(join(dir, 'packed.jsonl.gz')))).toEqual(expected);
  });

  it('names the line that is not JSON, and fails on a missing gzipped file', async () => {
    await writeFile(join(dir, 'bad.jsonl.gz'), gzipSync('{"a":1}\nnope\n'));
    await expect(toArray(readJsonl(join(dir, 'bad.jsonl.gz')))).rejects.toThrow(/bad\.jsonl\.gz:2: not JSON/);
    await expect(toArray(readJsonl(join(dir, 'missing.jsonl.gz')))).rejects.toThrow(/ENOENT/);
  });
});
