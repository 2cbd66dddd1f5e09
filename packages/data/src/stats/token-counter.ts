import { ConfigurationError, type ModelMessage } from '@codeact/core';

/** Counts the tokens of one conversation as it is trained on. */
export type TokenCounter = {
  readonly name: TokenizerName;
  countConversation(messages: readonly ModelMessage[]): number;
};

export const tokenizerNames = ['llama-2', 'mistral'] as const;
export type TokenizerName = (typeof tokenizerNames)[number];

type Encoder = { encode(text: string, addBos?: boolean, addPrecedingSpace?: boolean): number[] };

async function loadEncoder(name: TokenizerName): Promise<Encoder> {
  switch (name) {
    case 'llama-2':
      return (await import('llama-tokenizer-js')).default;
    case 'mistral':
      return (await import('mistral-tokenizer-js')).default as Encoder;
    default:
      throw new ConfigurationError(`unknown tokenizer ${String(name satisfies never)}; use llama-2 or mistral`);
  }
}

/**
 * The paper's Table 4 count (spec §2.7): each message rendered as ChatML,
 * `<|im_start|>{role}\n{content}<|im_end|>\n`, tokenised by the base model's SentencePiece with the two
 * markers as single added tokens, plus one BOS. As in the HF tokenizer, each piece of text between
 * markers is encoded on its own with SentencePiece's leading-space prefix.
 */
export async function createTokenCounter(name: TokenizerName = 'llama-2'): Promise<TokenCounter> {
  const encoder = await loadEncoder(name);
  const newline = encoder.encode('\n', false, true).length;
  return {
    name,
    countConversation(messages) {
      let count = 1;
      for (const message of messages) {
        count += 2 + encoder.encode(`${message.role}\n${message.content}`, false, true).length + newline;
      }
      return count;
    },
  };
}
