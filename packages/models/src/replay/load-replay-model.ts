import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigurationError, Trajectory } from '@codeact/core';
import { isMintResultLine } from '@codeact/mint';
import { readMintEpisodes } from './read-mint-episodes.js';
import { readTrajectoryEpisodes, trajectoryToEpisode } from './read-trajectory-episodes.js';
import type { RecordedEpisode } from './recorded-episode.js';
import { ReplayModel } from './replay-model.js';

async function listRecordings(directory: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listRecordings(path, depth + 1)));
    else if (/\.(jsonl|json|jsonl\.gz)$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** `gsm8k.results.jsonl(.gz)` → `gsm8k`; mint-bench's `…/reasoning/gsm8k/results.jsonl` → `gsm8k`. */
export function mintFamilyOfFile(file: string): string {
  const name = basename(file).replace(/\.gz$/, '');
  if (name === 'results.jsonl') return basename(dirname(file));
  return name.replace(/\.results\.jsonl$/, '').replace(/\.jsonl$/, '');
}

/**
 * Reads one file of recorded runs: MINT `results.jsonl` or trajectory JSONL (told apart by the first
 * line), gzipped when the name ends in `.jsonl.gz`, or a benchmark episode file (`.json` holding a
 * `trajectory`, as `runBenchmark` writes them). Other `.json` files (`results.json`, `run.json`) hold
 * no runs and give none.
 */
export async function readRecordedEpisodes(file: string): Promise<RecordedEpisode[]> {
  const bytes = await readFile(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  if (file.endsWith('.json')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return [];
    }
    const trajectory = (json as { trajectory?: unknown } | null)?.trajectory;
    if (trajectory === undefined) return [];
    const parsed = Trajectory.safeParse(trajectory);
    if (!parsed.success) throw new ConfigurationError(`Cannot replay ${file}: its trajectory is not valid.`);
    return [trajectoryToEpisode(parsed.data, { file, line: 1 })];
  }
  const first = text.split('\n').find((line) => line.trim() !== '');
  if (first === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(first);
  } catch {
    throw new ConfigurationError(`${file} is not JSONL of recorded runs.`);
  }
  const result = isMintResultLine(json)
    ? readMintEpisodes(text, { family: mintFamilyOfFile(file), file })
    : readTrajectoryEpisodes(text, { file });
  if (!result.success) throw new ConfigurationError(`Cannot replay ${result.error}`);
  return result.value;
}

/**
 * Loads a replay model from a file or a directory of recorded runs, searched recursively: MINT's
 * `<family>.results.jsonl` or `.jsonl.gz` (or mint-bench's `<family>/results.jsonl`), codeact trajectory JSONL, and
 * the episode files of a `codeact bench` output directory.
 * A task recorded twice (e.g. a directory holding several k settings) is a `ConfigurationError`.
 */
export async function loadReplayModel(
  path: string,
  options: { modelId?: string | undefined } = {},
): Promise<ReplayModel> {
  let files: string[];
  try {
    files = (await stat(path)).isDirectory() ? await listRecordings(path) : [path];
  } catch (error) {
    throw new ConfigurationError(`Cannot read recorded runs at ${path}. Check the path after "replay:".`, {
      cause: error,
    });
  }
  const episodes: RecordedEpisode[] = [];
  for (const file of files) episodes.push(...(await readRecordedEpisodes(file)));
  if (episodes.length === 0) {
    throw new ConfigurationError(
      `No recorded runs under ${path}: expected <family>.results.jsonl (MINT), trajectory .jsonl or benchmark episode files.`,
    );
  }
  const modelId = options.modelId ?? (relative(process.cwd(), path) || path);
  return new ReplayModel({ episodes, modelId });
}
