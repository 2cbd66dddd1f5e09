import { ConfigurationError } from '@codeact/core';
import { readJsonl } from '../jsonl/jsonl.js';
import { seededRandom, shuffled } from '../random/seeded-random.js';
import { parseConversationRecord } from './export-formats.js';
import type { TrainingConversation } from './to-training-conversation.js';

export type MixSource = {
  /** A general-conversation JSONL file (`{id, conversations}`, `{messages}` or ShareGPT). */
  readonly path: string;
  /** General conversations per CodeAct conversation (the release used about 10), or `all`. */
  readonly ratio: number | 'all';
};

/** Parses `FILE[:RATIO]` as given to `--mix`; a missing ratio means `all`. */
export function parseMixSource(spec: string): MixSource {
  const match = /^(.*?)(?::(all|\d+(?:\.\d+)?))?$/.exec(spec);
  const path = match?.[1] ?? '';
  if (path === '') throw new ConfigurationError(`--mix wants FILE[:RATIO], got "${spec}"`);
  const ratio = match?.[2];
  return { path, ratio: ratio === undefined || ratio === 'all' ? 'all' : Number(ratio) };
}

/** A seeded uniform sample of `size` items from a stream (reservoir sampling), in stream order. */
async function sample<T>(items: AsyncIterable<T>, size: number, seed: number): Promise<T[]> {
  const random = seededRandom(seed);
  const reservoir: { index: number; item: T }[] = [];
  let index = 0;
  for await (const item of items) {
    if (reservoir.length < size) reservoir.push({ index, item });
    else {
      const slot = Math.floor(random() * (index + 1));
      if (slot < size) reservoir[slot] = { index, item };
    }
    index += 1;
  }
  return reservoir.sort((a, b) => a.index - b.index).map((entry) => entry.item);
}

async function* readConversations(path: string): AsyncGenerator<TrainingConversation> {
  let line = 0;
  for await (const value of readJsonl(path)) {
    line += 1;
    const conversation = parseConversationRecord(value, `${path}:${line}`);
    if (!conversation) throw new ConfigurationError(`${path}:${line}: not a conversation record`);
    yield conversation;
  }
}

/**
 * Mixes CodeAct conversations with general ones (spec §2.6): from each source, `ratio ×` as many
 * conversations as there are CodeAct ones (sampled with `seed`, capped at what the file has), then
 * everything shuffled with `seed`.
 */
export async function mixConversations(options: {
  readonly codeact: readonly TrainingConversation[];
  readonly sources: readonly MixSource[];
  readonly seed?: number;
}): Promise<TrainingConversation[]> {
  const seed = options.seed ?? 42;
  const mixed: TrainingConversation[] = [...options.codeact];
  for (const [index, source] of options.sources.entries()) {
    if (source.ratio === 'all') {
      for await (const conversation of readConversations(source.path)) mixed.push(conversation);
      continue;
    }
    if (!(source.ratio >= 0)) throw new ConfigurationError(`mix ratio must be at least 0, got ${source.ratio}`);
    const wanted = Math.round(source.ratio * options.codeact.length);
    mixed.push(...(await sample(readConversations(source.path), wanted, seed + index + 1)));
  }
  return shuffled(mixed, seed);
}
