import { basename } from 'node:path';
import { ConfigurationError, type Trajectory } from '@codeact/core';
import { readJsonl } from '../jsonl/jsonl.js';
import { type ConvertMintResultOptions, convertMintResult, MintResult } from './convert-mint-result.js';

export type ReadMintResultsOptions = Omit<ConvertMintResultOptions, 'source'> & {
  /** Default: the file name up to its first dot (`hotpotqa.results.jsonl` → `hotpotqa`). */
  readonly source?: string;
};

/** Reads a MINT `results.jsonl` as trajectories. */
export async function* readMintResults(path: string, options: ReadMintResultsOptions): AsyncGenerator<Trajectory> {
  const source = options.source ?? basename(path).split('.')[0] ?? 'unknown';
  let line = 0;
  for await (const value of readJsonl(path)) {
    line += 1;
    const parsed = MintResult.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigurationError(
        `${path}: record ${line} is not a MINT result: ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    yield convertMintResult(parsed.data, { ...options, source });
  }
}
