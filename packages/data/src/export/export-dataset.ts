import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigurationError, type Trajectory } from '@codeact/core';
import { writeJsonl } from '../jsonl/jsonl.js';
import { type ExportFormat, formatConversation } from './export-formats.js';
import { type MixSource, mixConversations } from './mix-conversations.js';
import { type TrainingConversation, toTrainingConversation } from './to-training-conversation.js';
import { type RecipeName, recipeFormats, writeTrainingRecipe } from './training-recipes.js';

export type ExportDatasetOptions = {
  readonly trajectories: AsyncIterable<Trajectory>;
  /** The JSONL to write. */
  readonly outputPath: string;
  /** Default: the recipe's format, else `codeactinstruct`. */
  readonly format?: ExportFormat;
  /** General-conversation files to mix in. */
  readonly mix?: readonly MixSource[];
  /** Seed for mixing and shuffling. Default 42. */
  readonly seed?: number;
  /** Prefix for conversation ids. */
  readonly idPrefix?: string;
  /** Also write a training config for this tool next to the output. */
  readonly recipe?: RecipeName;
  readonly baseModel?: string;
  readonly maxLength?: number;
};

export type ExportDatasetResult = {
  readonly format: ExportFormat;
  /** CodeAct conversations written. */
  readonly codeact: number;
  /** General conversations mixed in. */
  readonly general: number;
  /** Every file written, the dataset first. */
  readonly files: string[];
};

/**
 * Converts trajectories to training conversations (spec §2.5), optionally mixes in general
 * conversations, writes one JSONL in `format`, and optionally a ready training config.
 */
export async function exportDataset(options: ExportDatasetOptions): Promise<ExportDatasetResult> {
  const format = options.format ?? (options.recipe ? recipeFormats[options.recipe] : 'codeactinstruct');
  if (options.recipe && recipeFormats[options.recipe] !== format) {
    throw new ConfigurationError(
      `--recipe ${options.recipe} reads the ${recipeFormats[options.recipe]} format, not ${format}; drop --format or change it.`,
    );
  }
  const idPrefix = options.idPrefix === undefined ? {} : { idPrefix: options.idPrefix };
  const codeact: TrainingConversation[] = [];
  for await (const trajectory of options.trajectories) codeact.push(toTrainingConversation(trajectory, idPrefix));
  const mix = options.mix ?? [];
  const conversations =
    mix.length === 0 ? codeact : await mixConversations({ codeact, sources: mix, seed: options.seed ?? 42 });
  await writeJsonl(
    options.outputPath,
    conversations.map((conversation) => formatConversation(conversation, format)),
  );
  const files = [options.outputPath];
  if (options.recipe) {
    const recipeFiles = writeTrainingRecipe({
      recipe: options.recipe,
      dataFile: basename(options.outputPath),
      ...(options.baseModel === undefined ? {} : { baseModel: options.baseModel }),
      ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    });
    for (const file of recipeFiles) {
      const path = join(dirname(options.outputPath), file.name);
      await writeFile(path, file.text);
      files.push(path);
    }
  }
  return { format, codeact: codeact.length, general: conversations.length - codeact.length, files };
}
