import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError, type TrajectoryStore } from '@codeact/core';
import {
  type ExportFormat,
  exportDataset,
  exportFormats,
  parseMixSource,
  type RecipeName,
  recipeNames,
} from '@codeact/data';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { dataValues, inCwd, listOf, openDataStore, readTrajectorySource } from './data-values.js';

/**
 * `codeact data export --out FILE`: trajectories (`--dataset` or `--input`) as training conversations
 * (in-context example and `<thought>` instruction removed), optionally mixed with general
 * conversations (`--mix FILE:RATIO,…`) and with a training config (`--recipe`).
 */
export async function dataExport(values: CliValues, _positionals: string[], io: CliIo): Promise<number> {
  const options = dataValues(values);
  if (!options.out) throw new ConfigurationError('codeact data export needs --out FILE.jsonl.');
  // A new folder for the output is made rather than failing after the whole export.
  await mkdir(dirname(inCwd(io, options.out)), { recursive: true });
  if (options.format && !(exportFormats as readonly string[]).includes(options.format)) {
    throw new ConfigurationError(`--format must be one of ${exportFormats.join(', ')}, not "${options.format}".`);
  }
  if (options.recipe && !(recipeNames as readonly string[]).includes(options.recipe)) {
    throw new ConfigurationError(`--recipe must be one of ${recipeNames.join(', ')}, not "${options.recipe}".`);
  }
  let store: TrajectoryStore | undefined;
  const getStore = async () => {
    store ??= await openDataStore(options, io);
    return store;
  };
  try {
    const result = await exportDataset({
      trajectories: readTrajectorySource(options, io, getStore),
      outputPath: inCwd(io, options.out),
      ...(options.format ? { format: options.format as ExportFormat } : {}),
      mix: listOf(options.mix).map((spec) => {
        const source = parseMixSource(spec);
        return { ...source, path: inCwd(io, source.path) };
      }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options['id-prefix'] ? { idPrefix: options['id-prefix'] } : {}),
      ...(options.recipe ? { recipe: options.recipe as RecipeName } : {}),
      ...(options['base-model'] ? { baseModel: options['base-model'] } : {}),
      ...(options['max-length'] === undefined ? {} : { maxLength: options['max-length'] }),
    });
    if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      io.stdout.write(
        `wrote ${result.codeact + result.general} ${result.format} conversations (${result.codeact} CodeAct + ${result.general} general) to ${result.files[0]}\n`,
      );
      for (const file of result.files.slice(1)) io.stdout.write(`wrote ${file}\n`);
    }
    return 0;
  } finally {
    await store?.close();
  }
}
