import { describe, expect, it } from 'vitest';
import type { LanguageModel, ModelStreamPart } from '../model/language-model.js';
import { readReply } from './read-reply.js';

function chunkedModel(text: string, chunkSize: number, finish = true): LanguageModel & { pulled: number } {
  const model = {
    specificationVersion: 'v1' as const,
    provider: 'test',
    modelId: 'chunks',
    pulled: 0,
    async *doStream(): AsyncIterable<ModelStreamPart> {
      for (let index = 0; index < text.length; index += chunkSize) {
        model.pulled += 1;
        yield { type: 'text-delta', text: text.slice(index, index + chunkSize) };
      }
      if (finish) yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 4 } };
    },
  };
  return model;
}

const read = (model: LanguageModel, options: { maxReplyChars?: number; stops?: string[] } = {}) => {
  const deltas: string[] = [];
  const reply = readReply(model, {
    messages: [],
    stopSequences: options.stops ?? ['</execute>', '\nObservation:'],
    maxReplyChars: options.maxReplyChars ?? 1 << 30,
    onDelta: (text) => deltas.push(text),
  });
  return reply.then((value) => ({ ...value, streamed: deltas.join('') }));
};

describe('readReply', () => {
  it('keeps a closing tag split across chunks and stops reading after it', async () => {
    const model = chunkedModel('<execute>print(1)</execute> and then more text that is never read', 3);
    const reply = await read(model);
    expect(reply.text).toBe('<execute>print(1)</execute>');
    expect(reply.streamed).toBe(reply.text);
    expect(reply.finishReason).toBe('stop');
    expect(model.pulled).toBe(Math.ceil(reply.text.length / 3));
  });

  it('cuts before other stops even when they began in an earlier chunk', async () => {
    const reply = await read(chunkedModel('x = 1\nObservation: 5', 4));
    expect(reply.text).toBe('x = 1');
    expect(reply.finishReason).toBe('stop');
  });

  it('reports the finish part when no stop appears', async () => {
    const reply = await read(chunkedModel('just talking', 5));
    expect(reply).toMatchObject({
      text: 'just talking',
      finishReason: 'stop',
      usage: { outputTokens: 4 },
      capped: false,
    });
  });

  it('caps the reply and closes the stream there', async () => {
    const model = chunkedModel('a'.repeat(10_000), 7);
    const reply = await read(model, { maxReplyChars: 100 });
    expect(reply.text).toBe('a'.repeat(100));
    expect(reply.streamed).toBe(reply.text);
    expect(reply).toMatchObject({ capped: true, finishReason: 'length' });
    expect(model.pulled).toBe(15);
  });
});
