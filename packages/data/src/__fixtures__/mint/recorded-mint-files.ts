import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The MINT data shipped with @codeact/mint (`packages/mint/data/`, see its README), tests only. */
const mintData = new URL('../../../../mint/data/', import.meta.url);

/** The recorded CodeActAgent-Mistral-7b-v0.1 k = 5 run: `<family>.results.jsonl.gz`. */
export const recordedMintRunDir = fileURLToPath(
  new URL('reference_outputs/CodeActAgent-Mistral-7b-v0.1/max5_p2+tool+cd/', mintData),
);

/** Non-blank lines of a gzipped JSON Lines file. */
export function readGzippedLines(path: string): string[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}
