import { writeFile } from 'node:fs/promises';

export type TinyGgufOptions = {
  /** Seeds every weight; the same seed gives the same bytes. Default 1. */
  readonly seed?: number | undefined;
  /**
   * Turns the model into a bigram machine that answers a ChatML prompt with exactly
   * `<execute>print(6 * 7)</execute>` and then `<|im_end|>`. Default false: random weights.
   */
  readonly scripted?: boolean | undefined;
  /** Writes a ChatML `tokenizer.chat_template`. Default true. */
  readonly chatTemplate?: boolean | undefined;
  /** `llama.context_length`. Default 2048. */
  readonly contextLength?: number | undefined;
  /**
   * Pads the vocabulary with generated pieces up to this size (e.g. 151,936 like Qwen2.5), to
   * measure costs that grow with the vocabulary, such as grammar checks. Default: about 310 tokens.
   */
  readonly vocabularySize?: number | undefined;
};

const embeddingLength = 64;
const feedForwardLength = 128;
const blockCount = 2;
const headCount = 4;
const headDimension = embeddingLength / headCount;
const alignment = 32;

const chatMlTemplate =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

/** Whole-word tokens llama.cpp always matches as one token. */
const userDefinedTokens = [
  '<execute>',
  '</execute>',
  '<solution>',
  '</solution>',
  '<thought>',
  '</thought>',
  'print',
  '(6 * 7)',
  'Action:',
  'Answer:',
  'End Action',
];
const merges = ['▁the', '▁th', '▁t', 'th', 'he', 'ing', 'in', 'an', 'er', 'on'];

type Vocabulary = { tokens: string[]; scores: number[]; types: number[] };

const tokenType = { normal: 1, unknown: 2, control: 3, userDefined: 4, byte: 6 } as const;

const pieceChars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789▁▁▁▁_.,:;()[]{}<>/=+-*"\'#'];

function buildVocabulary(size: number, seed: number): Vocabulary {
  const vocabulary: Vocabulary = { tokens: [], scores: [], types: [] };
  const add = (token: string, type: number, score = 0) => {
    vocabulary.tokens.push(token);
    vocabulary.types.push(type);
    vocabulary.scores.push(score);
  };
  add('<unk>', tokenType.unknown);
  add('<s>', tokenType.control);
  add('</s>', tokenType.control);
  add('<|im_start|>', tokenType.control);
  add('<|im_end|>', tokenType.control);
  for (let byte = 0; byte < 256; byte++) {
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, tokenType.byte);
  }
  for (const [index, merge] of merges.entries()) add(merge, tokenType.normal, -1 - index);
  add('▁', tokenType.normal, -20);
  add('\n', tokenType.normal, -21);
  for (let code = 97; code <= 122; code++) add(String.fromCharCode(code), tokenType.normal, -30 - (code - 97));
  for (const token of userDefinedTokens) add(token, tokenType.userDefined);
  const random = mulberry32(seed ^ 0x5eed);
  const seen = new Set(vocabulary.tokens);
  while (vocabulary.tokens.length < size) {
    const length = 2 + Math.floor(random() * 7);
    let piece = '';
    for (let index = 0; index < length; index++) piece += pieceChars[Math.floor(random() * pieceChars.length)];
    if (seen.has(piece)) continue;
    seen.add(piece);
    add(piece, tokenType.normal, -100 - vocabulary.tokens.length / size);
  }
  return vocabulary;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function normalSampler(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

type Tensor = { name: string; dims: number[]; data: Float32Array };

function buildTensors(vocabulary: Vocabulary, options: TinyGgufOptions): Tensor[] {
  const normal = normalSampler(options.seed ?? 1);
  const vocabSize = vocabulary.tokens.length;
  const random = (count: number, scale: number) => Float32Array.from({ length: count }, () => normal() * scale);
  const ones = (count: number) => new Float32Array(count).fill(1);

  const embedding = random(embeddingLength * vocabSize, 1);
  // Dimension 0 is constant, so column 0 of the output matrix acts as a per-token logit bias.
  for (let token = 0; token < vocabSize; token++) embedding[token * embeddingLength] = 4;
  const output = random(embeddingLength * vocabSize, 0.02);
  for (let token = 0; token < vocabSize; token++) {
    const text = vocabulary.tokens[token] ?? '';
    const byte = /^<0x([0-9A-F]{2})>$/.exec(text);
    const byteValue = byte ? Number.parseInt(byte[1] ?? '0', 16) : undefined;
    const unreadableByte =
      byteValue !== undefined && (byteValue >= 0x80 || (byteValue < 0x20 && byteValue !== 0x09 && byteValue !== 0x0a));
    if (token <= 1 || token === 3 || unreadableByte) output[token * embeddingLength] = -10;
  }
  if (options.scripted) {
    const script = ['\n', '<execute>', 'print', '(6 * 7)', '</execute>', '<|im_end|>'];
    for (let index = 0; index + 1 < script.length; index++) {
      const previous = vocabulary.tokens.indexOf(script[index] ?? '');
      const next = vocabulary.tokens.indexOf(script[index + 1] ?? '');
      let norm = 0;
      for (let dim = 1; dim < embeddingLength; dim++) norm += (embedding[previous * embeddingLength + dim] ?? 0) ** 2;
      norm = Math.sqrt(norm);
      for (let dim = 1; dim < embeddingLength; dim++) {
        output[next * embeddingLength + dim] = (2 * (embedding[previous * embeddingLength + dim] ?? 0)) / norm;
      }
    }
  }

  const tensors: Tensor[] = [{ name: 'token_embd.weight', dims: [embeddingLength, vocabSize], data: embedding }];
  for (let block = 0; block < blockCount; block++) {
    const prefix = `blk.${block}`;
    const kv = headDimension * headCount;
    tensors.push(
      { name: `${prefix}.attn_norm.weight`, dims: [embeddingLength], data: ones(embeddingLength) },
      { name: `${prefix}.attn_q.weight`, dims: [embeddingLength, embeddingLength], data: random(64 * 64, 0.02) },
      { name: `${prefix}.attn_k.weight`, dims: [embeddingLength, kv], data: random(embeddingLength * kv, 0.02) },
      { name: `${prefix}.attn_v.weight`, dims: [embeddingLength, kv], data: random(embeddingLength * kv, 0.02) },
      { name: `${prefix}.attn_output.weight`, dims: [embeddingLength, embeddingLength], data: random(64 * 64, 0.02) },
      { name: `${prefix}.ffn_norm.weight`, dims: [embeddingLength], data: ones(embeddingLength) },
      {
        name: `${prefix}.ffn_gate.weight`,
        dims: [embeddingLength, feedForwardLength],
        data: random(embeddingLength * feedForwardLength, 0.02),
      },
      {
        name: `${prefix}.ffn_up.weight`,
        dims: [embeddingLength, feedForwardLength],
        data: random(embeddingLength * feedForwardLength, 0.02),
      },
      {
        name: `${prefix}.ffn_down.weight`,
        dims: [feedForwardLength, embeddingLength],
        data: random(embeddingLength * feedForwardLength, 0.02),
      },
    );
  }
  tensors.push(
    { name: 'output_norm.weight', dims: [embeddingLength], data: ones(embeddingLength) },
    { name: 'output.weight', dims: [embeddingLength, vocabSize], data: output },
  );
  return tensors;
}

/** Little-endian GGUF v3 byte writer. */
class GgufWriter {
  private readonly chunks: Buffer[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  bytes(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }

  u32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(value);
    this.bytes(buffer);
  }

  i32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32LE(value);
    this.bytes(buffer);
  }

  u64(value: number): void {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64LE(BigInt(value));
    this.bytes(buffer);
  }

  f32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeFloatLE(value);
    this.bytes(buffer);
  }

  string(value: string): void {
    const encoded = Buffer.from(value, 'utf8');
    this.u64(encoded.length);
    this.bytes(encoded);
  }

  pad(): void {
    const remainder = this.length % alignment;
    if (remainder !== 0) this.bytes(Buffer.alloc(alignment - remainder));
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const valueType = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;

type MetadataValue =
  | { type: 'u32' | 'i32' | 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; items: 'string'; value: readonly string[] }
  | { type: 'array'; items: 'f32' | 'i32'; value: readonly number[] };

function writeMetadata(writer: GgufWriter, key: string, entry: MetadataValue): void {
  writer.string(key);
  writer.u32(valueType[entry.type]);
  switch (entry.type) {
    case 'u32':
      writer.u32(entry.value);
      return;
    case 'i32':
      writer.i32(entry.value);
      return;
    case 'f32':
      writer.f32(entry.value);
      return;
    case 'bool':
      writer.bytes(Buffer.from([entry.value ? 1 : 0]));
      return;
    case 'string':
      writer.string(entry.value);
      return;
    case 'array':
      writer.u32(valueType[entry.items]);
      writer.u64(entry.value.length);
      if (entry.items === 'string') for (const item of entry.value) writer.string(item);
      else if (entry.items === 'f32') for (const item of entry.value) writer.f32(item);
      else for (const item of entry.value) writer.i32(item);
      return;
  }
}

/**
 * Builds a tiny random-weight GGUF model (llama architecture, 2 layers, 64-dim embeddings, F32,
 * an SPM vocabulary of about 300 tokens with byte fallback, `<|im_end|>` as end of turn): about
 * 0.5 MB that llama.cpp loads in milliseconds. The bytes depend only on the options.
 *
 * Embedding dimension 0 is a constant, so column 0 of `output.weight` works as a logit bias that
 * keeps the random model to printable ASCII. With `scripted`, the output matrix makes each
 * scripted token predict the next, so a ChatML prompt gets `<execute>print(6 * 7)</execute>`.
 */
export function buildTinyGguf(options: TinyGgufOptions = {}): Buffer {
  const vocabulary = buildVocabulary(options.vocabularySize ?? 0, options.seed ?? 1);
  const tensors = buildTensors(vocabulary, options);
  const metadata: [string, MetadataValue][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: options.scripted ? 'tiny-scripted' : 'tiny-random' }],
    ['general.alignment', { type: 'u32', value: alignment }],
    ['general.file_type', { type: 'u32', value: 0 }],
    ['llama.context_length', { type: 'u32', value: options.contextLength ?? 2048 }],
    ['llama.embedding_length', { type: 'u32', value: embeddingLength }],
    ['llama.block_count', { type: 'u32', value: blockCount }],
    ['llama.feed_forward_length', { type: 'u32', value: feedForwardLength }],
    ['llama.attention.head_count', { type: 'u32', value: headCount }],
    ['llama.attention.head_count_kv', { type: 'u32', value: headCount }],
    ['llama.rope.dimension_count', { type: 'u32', value: headDimension }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', { type: 'u32', value: vocabulary.tokens.length }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'array', items: 'string', value: vocabulary.tokens }],
    ['tokenizer.ggml.scores', { type: 'array', items: 'f32', value: vocabulary.scores }],
    ['tokenizer.ggml.token_type', { type: 'array', items: 'i32', value: vocabulary.types }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 4 }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    // SPM's default (true) adds a space after special and user-defined tokens on a round trip.
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
  ];
  if (options.chatTemplate ?? true)
    metadata.push(['tokenizer.chat_template', { type: 'string', value: chatMlTemplate }]);

  const writer = new GgufWriter();
  writer.bytes(Buffer.from('GGUF', 'ascii'));
  writer.u32(3);
  writer.u64(tensors.length);
  writer.u64(metadata.length);
  for (const [key, entry] of metadata) writeMetadata(writer, key, entry);
  let offset = 0;
  for (const tensor of tensors) {
    writer.string(tensor.name);
    writer.u32(tensor.dims.length);
    for (const dim of tensor.dims) writer.u64(dim);
    writer.u32(0);
    writer.u64(offset);
    offset += Math.ceil(tensor.data.byteLength / alignment) * alignment;
  }
  writer.pad();
  for (const tensor of tensors) {
    writer.bytes(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    writer.pad();
  }
  return writer.toBuffer();
}

/** Writes `buildTinyGguf(options)` to `path` and returns the path. */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<string> {
  await writeFile(path, buildTinyGguf(options));
  return path;
}
