import { describe, expect, it } from 'vitest';
import type { TrainingConversation } from '../export/to-training-conversation.js';
import { computeDatasetStats, formatStatsTable } from './dataset-stats.js';
import { createTokenCounter } from './token-counter.js';

// Hand count, Llama-2 SentencePiece (vocabulary ids checked one by one):
//   "<|im_start|>user\nHello world<|im_end|>\n"
//   BOS 1 | <|im_start|> | ▁user 1404 · <0x0A> 13 · Hello 10994 · ▁world 3186 | <|im_end|> | ▁ 29871 · <0x0A> 13
//   = 1 + 1 + 4 + 1 + 2 = 9 tokens.
//   "<|im_start|>system\nHello world<|im_end|>\n" adds 1 + 4 (▁system 1788 · <0x0A> · Hello · ▁world) + 1 + 2 = 8.
const hello: TrainingConversation = { id: 'a/1', source: 'a', messages: [{ role: 'user', content: 'Hello world' }] };
const withSystem: TrainingConversation = {
  id: 'a/2',
  source: 'a',
  messages: [
    { role: 'system', content: 'Hello world' },
    { role: 'user', content: 'Hello world' },
  ],
};
const long: TrainingConversation = {
  id: 'b/1',
  source: 'b',
  messages: [{ role: 'assistant', content: 'Hello world '.repeat(3000) }],
};

describe('computeDatasetStats', () => {
  it('matches a hand count of ChatML tokens with the Llama-2 tokenizer', async () => {
    const counter = await createTokenCounter('llama-2');
    expect(counter.countConversation(hello.messages)).toBe(9);
    expect(counter.countConversation(withSystem.messages)).toBe(9 + 8);
    const stats = await computeDatasetStats([hello, withSystem], counter);
    expect(stats.rows).toEqual([{ source: 'a', instances: 2, totalTokens: 26, averageTokens: 13 }]);
  });

  it('clips each conversation at 4,096 tokens before summing, per source and in total', async () => {
    const counter = await createTokenCounter('llama-2');
    expect(counter.countConversation(long.messages)).toBeGreaterThan(4096);
    const stats = await computeDatasetStats([hello, long, withSystem], counter);
    expect(stats.rows).toEqual([
      { source: 'a', instances: 2, totalTokens: 26, averageTokens: 13 },
      { source: 'b', instances: 1, totalTokens: 4096, averageTokens: 4096 },
    ]);
    expect(stats.total).toEqual({ source: 'total', instances: 3, totalTokens: 4122, averageTokens: 1374 });
    expect(formatStatsTable(stats)).toMatchInlineSnapshot(`
      "llama-2 tokens, each conversation clipped at 4,096
      source  # instances  # total tokens  avg tokens / instance
      a                 2              26                  13.00
      b                 1           4,096               4,096.00
      total             3           4,122               1,374.00"
    `);
  });

  it('counts with the Mistral tokenizer too', async () => {
    const counter = await createTokenCounter('mistral');
    // ▁user 2188 · <0x0A> 13 · Hello 16230 · ▁world 1526, and ▁ 28705 · <0x0A> for the trailing newline.
    expect(counter.countConversation(hello.messages)).toBe(9);
  });
});
