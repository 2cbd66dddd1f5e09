import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Trajectory } from '@codeact/core';
import { z } from 'zod';
import type { EpisodeResult } from './benchmark-suite.js';

/** Writes via a temporary file and a rename, so readers never see a half-written file. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const StoredEpisode = z.object({
  taskId: z.string(),
  format: z.string(),
  success: z.boolean(),
  turns: z.number().int(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
  endReason: z.string(),
  durationMs: z.number(),
  extra: z.record(z.string(), z.unknown()).optional(),
  trajectory: Trajectory,
});

/** Where one episode lives: `episodes/<format>/<task id, URI-encoded>.json`. */
export function episodePath(outDir: string, format: string, taskId: string): string {
  return join(outDir, 'episodes', encodeURIComponent(format), `${encodeURIComponent(taskId)}.json`);
}

/** An episode result read back from JSON (a file, a queue job's result), or undefined when malformed. */
export function parseEpisodeResult(json: unknown): EpisodeResult | undefined {
  const parsed = StoredEpisode.safeParse(json);
  if (!parsed.success) return undefined;
  const { extra, ...rest } = parsed.data;
  return extra === undefined ? rest : { ...rest, extra };
}

/** A finished episode, or undefined when it is missing or unreadable (then it is run again). */
export async function readEpisode(outDir: string, format: string, taskId: string): Promise<EpisodeResult | undefined> {
  let text: string;
  try {
    text = await readFile(episodePath(outDir, format, taskId), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const episode = parseEpisodeResult(json);
  return episode?.taskId === taskId && episode.format === format ? episode : undefined;
}

export async function writeEpisode(outDir: string, result: EpisodeResult): Promise<void> {
  await writeFileAtomic(episodePath(outDir, result.format, result.taskId), `${JSON.stringify(result, null, 1)}\n`);
}

/** What a run directory belongs to; a resumed run must match it. */
export type RunManifest = {
  readonly suite: string;
  readonly model: string;
  readonly suiteOptions: Readonly<Record<string, unknown>>;
};

const manifestFile = 'run.json';

export async function readManifest(outDir: string): Promise<RunManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, manifestFile), 'utf8')) as RunManifest;
  } catch {
    return undefined;
  }
}

export async function writeManifest(outDir: string, manifest: RunManifest): Promise<void> {
  await writeFileAtomic(join(outDir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
}
