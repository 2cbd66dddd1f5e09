import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '@codeact/core';
import { readJsonl, toArray } from '../../jsonl/jsonl.js';
import type { TaskRecord } from '../task-record.js';
import { type AlfworldGame, convertAlfworld } from './alfworld.js';
import { convertApps } from './apps.js';
import { convertHotpotQa } from './hotpotqa.js';
import { convertMath, readMathDirectory } from './math.js';
import { convertWikiTableQuestions, readWikiTableQuestions } from './wiki-table-questions.js';

/** Public datasets with a converter, and what `input` is for each. */
export const publicDatasets = {
  hotpotqa: 'hotpot_train_v1.1.json (a JSON array)',
  math: 'a MATH split folder of per-problem JSON files, e.g. MATH/train',
  apps: 'codeparrot/apps train.jsonl',
  wtq: 'an unpacked WikiTableQuestions-1.0.2 folder (data/training.tsv and csv/)',
  alfworld: 'JSONL of {game, observation} from ALFWorld env.reset()',
} as const;
export type PublicDataset = keyof typeof publicDatasets;

export type ConvertPublicDatasetOptions = {
  /** Sample size (HotpotQA: after the level filter; WikiTQ: largest tables kept). */
  readonly limit?: number;
  readonly seed?: number;
  /** HotpotQA difficulty, default `hard`. */
  readonly level?: string;
  /** MATH lowest level kept, default 3. */
  readonly minLevel?: number;
};

/** Reads a public dataset in its own format and converts it to task records. */
export async function convertPublicDataset(
  dataset: PublicDataset,
  input: string,
  options: ConvertPublicDatasetOptions = {},
): Promise<TaskRecord[]> {
  switch (dataset) {
    case 'hotpotqa':
      return convertHotpotQa(JSON.parse(await readFile(input, 'utf8')), {
        ...(options.level === undefined ? {} : { level: options.level }),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
    case 'math':
      return convertMath(
        await readMathDirectory(input),
        options.minLevel === undefined ? {} : { minLevel: options.minLevel },
      );
    case 'apps':
      return convertApps(await toArray(readJsonl(input)));
    case 'wtq': {
      const { examples, tables } = await readWikiTableQuestions(input);
      return convertWikiTableQuestions(examples, tables, {
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
    }
    case 'alfworld':
      return convertAlfworld((await toArray(readJsonl(input))) as AlfworldGame[]);
    default:
      throw new ConfigurationError(
        `no converter for ${String(dataset satisfies never)}; use one of ${Object.keys(publicDatasets).join(', ')}`,
      );
  }
}
