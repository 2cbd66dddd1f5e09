import { isAbsolute, resolve } from 'node:path';
import {
  ConfigurationError,
  iterateTrajectories,
  parseTrajectory,
  type Trajectory,
  type TrajectoryStore,
} from '@codeact/core';
import { readJsonl } from '@codeact/data';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { openTrajectoryStore } from '../store/open-trajectory-store.js';

/** The flags `codeact data` reads (see the table entries in docs/codeactinstruct.md). */
export type DataCliValues = {
  readonly model?: string;
  readonly 'base-url'?: string;
  readonly 'api-key'?: string;
  readonly interpreter?: string;
  readonly 'no-sandbox'?: boolean;
  readonly timeout?: number;
  readonly 'max-tokens'?: number;
  readonly temperature?: number;
  readonly json?: boolean;
  readonly concurrency?: number;
  readonly k?: number;
  readonly out?: string;
  readonly format?: string;
  readonly tasks?: string;
  readonly 'max-turns'?: number;
  readonly store?: string;
  readonly dataset?: string;
  readonly 'fallback-model'?: string;
  readonly proposals?: number;
  readonly input?: string;
  readonly to?: string;
  readonly rule?: string;
  readonly success?: boolean;
  readonly 'min-turns'?: number;
  readonly 'exclude-sources'?: string;
  readonly dedup?: string;
  readonly downsample?: string;
  readonly seed?: number;
  readonly mix?: string;
  readonly recipe?: string;
  readonly 'base-model'?: string;
  readonly 'max-length'?: number;
  readonly 'id-prefix'?: string;
  readonly tokenizer?: string;
  readonly clip?: number;
  readonly from?: string;
  readonly limit?: number;
  readonly level?: string;
  readonly queue?: string;
  readonly detach?: boolean;
};

/** `values` as the data commands see them (the CLI table declares these flags for `data`). */
export function dataValues(values: CliValues): DataCliValues {
  return values as DataCliValues;
}

export const inCwd = (io: CliIo, path: string) => (isAbsolute(path) ? path : resolve(io.cwd, path));

/** `--store URL`, else `$DATABASE_URL`, else SQLite in `$CODEACT_HOME` (`~/.codeact/codeact.db`). */
export function openDataStore(values: DataCliValues, io: CliIo): Promise<TrajectoryStore> {
  const url = values.store ?? io.env.DATABASE_URL;
  const local =
    url && !/^[a-z][a-z0-9+.-]*:/i.test(url)
      ? inCwd(io, url)
      : url?.startsWith('sqlite:')
        ? `sqlite:${inCwd(io, url.slice(7))}`
        : url;
  return openTrajectoryStore({ url: local || undefined, env: io.env });
}

/** Trajectories from `--input FILE.jsonl`, or the store's `--dataset`. */
export async function* readTrajectorySource(
  values: DataCliValues,
  io: CliIo,
  store: () => Promise<TrajectoryStore>,
): AsyncGenerator<Trajectory> {
  if (values.input) {
    const path = inCwd(io, values.input);
    let line = 0;
    for await (const value of readJsonl(path)) {
      line += 1;
      const parsed = parseTrajectory(JSON.stringify(value));
      if (!parsed.success) throw new ConfigurationError(`${path}: line ${line}: ${parsed.error}`);
      yield parsed.value;
    }
    return;
  }
  if (!values.dataset)
    throw new ConfigurationError('Say which trajectories: --dataset NAME (in the store) or --input FILE.jsonl.');
  let count = 0;
  for await (const trajectory of iterateTrajectories(await store(), { dataset: values.dataset })) {
    count += 1;
    yield trajectory;
  }
  if (count === 0) {
    throw new ConfigurationError(
      `The store has no dataset "${values.dataset}": check the name, or fill it first (codeact data collect|import --dataset ${values.dataset}).`,
    );
  }
}

/** A comma-separated flag as a list. */
export const listOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
