import { basename } from 'node:path';
import type { Trajectory } from '@codeact/core';
import { parseMintResult } from '@codeact/mint';
import { readJsonl } from '../jsonl/jsonl.js';
import { type ConvertMintResultOptions, convertMintResult } from './convert-mint-result.js';

export type ReadMintResultsOptions = Omit<ConvertMintResultOptions, 'source'> & {
  /** Default: the file name up to its first dot (`hotpotqa.results.jsonl` → `hotpotqa`). */
  readonly source?: string;
};

/** Reads a MINT `results.jsonl` (or `.jsonl.gz`) as trajectories. */
export async function* readMintResults(path: string, options: ReadMintResultsOptions): AsyncGenerator<Trajectory> {
  const source = options.source ?? basename(path).split('.')[0] ?? 'unknown';
  let line = 0;
  for await (const value of readJsonl(path)) {
    line += 1;
    yield convertMintResult(parseMintResult(value, `${path}: record ${line}`), { ...options, source });
  }
}
