import { ConfigurationError } from '@codeact/core';
import { shuffled } from '../../random/seeded-random.js';
import type { TaskRecord } from '../task-record.js';

type HotpotQaRecord = { _id: string; question: string; answer: string; level?: string };

export type ConvertHotpotQaOptions = {
  /** Keep this difficulty (`hard`, as the paper), or `all`. Default `hard`. */
  readonly level?: string;
  /** Random sample size after the level filter (the paper: 3,000). Default: keep all. */
  readonly limit?: number;
  /** Default 42. */
  readonly seed?: number;
};

/**
 * HotpotQA (`hotpot_train_v1.1.json`: a JSON array of `{_id, question, answer, level, …}`) to tasks:
 * the question as the prompt, the `reasoning` checker and the `wikipedia_search` tool (spec §2.1).
 */
export function convertHotpotQa(records: unknown, options: ConvertHotpotQaOptions = {}): TaskRecord[] {
  if (!Array.isArray(records))
    throw new ConfigurationError('HotpotQA input must be the JSON array of hotpot_train_v1.1.json');
  const level = options.level ?? 'hard';
  const kept = (records as HotpotQaRecord[]).filter((record) => level === 'all' || record.level === level);
  const sample =
    options.limit === undefined || kept.length <= options.limit
      ? kept
      : shuffled(kept, options.seed ?? 42).slice(0, options.limit);
  return sample.map((record) => ({
    id: `hotpotqa/${record._id}`,
    source: 'hotpotqa',
    prompt: record.question,
    reference: record.answer,
    checker: 'reasoning',
    tools: ['wikipedia_search'],
    example: 'reasoning',
    metadata: { level: record.level ?? null },
  }));
}
