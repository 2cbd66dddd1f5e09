import { basename, dirname } from 'node:path';
import { ConfigurationError, parseTrajectory, type Trajectory } from '@codeact/core';
import {
  convertPublicDataset,
  type PublicDataset,
  publicDatasets,
  readJsonl,
  readMintResults,
  writeJsonl,
} from '@codeact/data';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { dataValues, inCwd, openDataStore } from './data-values.js';

async function* trajectoriesFrom(
  kind: string,
  paths: readonly string[],
  model: string | undefined,
): AsyncGenerator<Trajectory> {
  for (const path of paths) {
    if (kind === 'mint') {
      // reference_outputs/<model>/<setting>/<task>.results.jsonl names the model and setting.
      const setting = basename(dirname(path));
      yield* readMintResults(path, { model: model ?? basename(dirname(dirname(path))), setting });
      continue;
    }
    let line = 0;
    for await (const value of readJsonl(path)) {
      line += 1;
      const parsed = parseTrajectory(JSON.stringify(value));
      if (!parsed.success) throw new ConfigurationError(`${path}: line ${line}: ${parsed.error}`);
      yield parsed.value;
    }
  }
}

/**
 * `codeact data import --from KIND FILE…`: `trajectories` (our JSONL) and `mint` (MINT results.jsonl)
 * go into the store under `--dataset`; `hotpotqa|math|apps|wtq|alfworld` convert a public dataset to
 * a task file (`--out`).
 */
export async function dataImport(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const options = dataValues(values);
  const kind = options.from;
  const paths = positionals.map((path) => inCwd(io, path));
  if (!kind)
    throw new ConfigurationError(
      `codeact data import needs --from trajectories|mint|${Object.keys(publicDatasets).join('|')}.`,
    );
  if (paths.length === 0)
    throw new ConfigurationError('codeact data import needs the input file(s) after the options.');
  if (kind in publicDatasets) {
    if (!options.out) throw new ConfigurationError(`Converting ${kind} writes a task file: add --out tasks.jsonl.`);
    const tasks = await convertPublicDataset(kind as PublicDataset, paths[0] as string, {
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.level === undefined ? {} : { level: options.level }),
    });
    const written = await writeJsonl(inCwd(io, options.out), tasks);
    io.stdout.write(`wrote ${written} ${kind} tasks to ${inCwd(io, options.out)}\n`);
    return 0;
  }
  if (kind !== 'trajectories' && kind !== 'mint') {
    throw new ConfigurationError(
      `--from must be trajectories, mint or one of ${Object.keys(publicDatasets).join(', ')}, not "${kind}".`,
    );
  }
  const dataset = options.dataset ?? 'imported';
  const store = await openDataStore(options, io);
  try {
    let count = 0;
    const batch: Trajectory[] = [];
    for await (const trajectory of trajectoriesFrom(kind, paths, kind === 'mint' ? options.model : undefined)) {
      batch.push(trajectory);
      count += 1;
      if (batch.length === 200) await store.saveTrajectories(batch.splice(0), { dataset });
    }
    if (batch.length > 0) await store.saveTrajectories(batch, { dataset });
    io.stdout.write(`imported ${count} trajectories into dataset ${dataset}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
