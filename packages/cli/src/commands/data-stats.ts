import { ConfigurationError, type TrajectoryStore } from '@codeact/core';
import {
  computeDatasetStats,
  createTokenCounter,
  formatStatsTable,
  parseConversationRecord,
  readJsonl,
  type TokenizerName,
  type TrainingConversation,
  tokenizerNames,
  toTrainingConversation,
} from '@codeact/data';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { dataValues, inCwd, openDataStore, readTrajectorySource } from './data-values.js';

async function* conversationFiles(paths: readonly string[]): AsyncGenerator<TrainingConversation> {
  for (const path of paths) {
    let line = 0;
    for await (const value of readJsonl(path)) {
      line += 1;
      const conversation = parseConversationRecord(value, `${path}:${line}`);
      if (!conversation)
        throw new ConfigurationError(
          `${path}:${line}: not a conversation ({id, conversations} / {messages} / ShareGPT)`,
        );
      yield conversation;
    }
  }
}

/**
 * `codeact data stats`: Table 4 (instances, total and average tokens per source, Llama-2 tokenizer by
 * default) for exported or general conversation files, or for trajectories (`--dataset`/`--input`)
 * as they would be exported.
 */
export async function dataStats(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const options = dataValues(values);
  const tokenizer = (options.tokenizer ?? 'llama-2') as TokenizerName;
  if (!(tokenizerNames as readonly string[]).includes(tokenizer)) {
    throw new ConfigurationError(`--tokenizer must be one of ${tokenizerNames.join(', ')}, not "${tokenizer}".`);
  }
  let store: TrajectoryStore | undefined;
  const getStore = async () => {
    store ??= await openDataStore(options, io);
    return store;
  };
  try {
    const conversations =
      positionals.length > 0
        ? conversationFiles(positionals.map((path) => inCwd(io, path)))
        : (async function* () {
            for await (const trajectory of readTrajectorySource(options, io, getStore))
              yield toTrainingConversation(trajectory);
          })();
    const stats = await computeDatasetStats(conversations, await createTokenCounter(tokenizer), {
      ...(options.clip === undefined ? {} : { clipTokens: options.clip }),
    });
    io.stdout.write(options.json ? `${JSON.stringify(stats)}\n` : `${formatStatsTable(stats)}\n`);
    return 0;
  } finally {
    await store?.close();
  }
}
