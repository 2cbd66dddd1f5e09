import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Artifact } from '@codeact/core';

/** Writes an action's figures to disk; returns each artifact's name with the path it was written to. */
export type ArtifactSaver = (artifacts: readonly Artifact[]) => ReadonlyMap<string, string>;

/**
 * Figures go to `--artifacts DIR` (default `./codeact-artifacts/<id>/`, the id read at the first figure) as `figure-1.png`,
 * `figure-2.png`, … numbered across the run; `--artifacts none` turns it off (undefined).
 * Writes are synchronous so the transcript can name the file as soon as the action ends.
 */
export function createArtifactSaver(
  option: string | undefined,
  cwd: string,
  id: () => string,
): ArtifactSaver | undefined {
  if (option === 'none') return undefined;
  let count = 0;
  return (artifacts) => {
    const saved = new Map<string, string>();
    if (artifacts.length === 0) return saved;
    const directory = resolve(cwd, option ?? join('codeact-artifacts', id()));
    mkdirSync(directory, { recursive: true });
    for (const artifact of artifacts) {
      count += 1;
      const path = join(directory, `figure-${count}.png`);
      writeFileSync(path, Buffer.from(artifact.data, 'base64'));
      saved.set(artifact.name, displayPath(cwd, path));
    }
    return saved;
  };
}

/** `./codeact-artifacts/…` under the working directory, else the absolute path. */
function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : `./${inside}`;
}

/** Replaces the observation's `[NAME was shown to the user]` notes with where the figure now is. */
export function notePaths(text: string, saved: ReadonlyMap<string, string>): string {
  let result = text;
  for (const [name, path] of saved) {
    result = result.replace(`[${name} was shown to the user]`, `[${name} saved to ${path}]`);
  }
  return result;
}
