import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTinyGguf } from './write-tiny-gguf.js';

const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

describe('buildTinyGguf', () => {
  it('writes the same bytes for the same options and different bytes for another seed', () => {
    const first = buildTinyGguf({ seed: 3 });
    expect(sha256(buildTinyGguf({ seed: 3 }))).toBe(sha256(first));
    expect(sha256(buildTinyGguf({ seed: 4 }))).not.toBe(sha256(first));
    expect(sha256(buildTinyGguf({ seed: 3, scripted: true }))).not.toBe(sha256(first));
  });

  it('writes a GGUF v3 file under half a megabyte with 21 tensors, data aligned to 32 bytes', () => {
    const file = buildTinyGguf();
    expect(file.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(file.readUInt32LE(4)).toBe(3);
    expect(Number(file.readBigUInt64LE(8))).toBe(21);
    expect(file.length).toBeLessThan(512 * 1024);
    expect(file.length % 32).toBe(0);
    expect(file.includes(Buffer.from('tokenizer.ggml.add_space_prefix'))).toBe(true);
    expect(buildTinyGguf({ chatTemplate: false }).includes(Buffer.from('tokenizer.chat_template'))).toBe(false);
  });

  it('pads the vocabulary to a given size, deterministically', () => {
    const padded = buildTinyGguf({ vocabularySize: 1310 });
    // 1000 more rows in the embedding and output matrices (64 F32 each), plus the pieces' metadata.
    expect(padded.length - buildTinyGguf().length).toBeGreaterThan(1000 * 64 * 4 * 2);
    expect(sha256(buildTinyGguf({ vocabularySize: 1310 }))).toBe(sha256(padded));
  });
});
