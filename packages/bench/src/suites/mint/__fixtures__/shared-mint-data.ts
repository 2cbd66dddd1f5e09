import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../..');

/** The team's shared MINT data (`../shared/data/mint` next to the repo), used by tests only. */
export const sharedMintDir = process.env.MINT_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data', 'mint');

/** The recorded CodeActAgent-Mistral k=5 run. */
export const referenceOutputsDir = resolve(
  sharedMintDir,
  'reference_outputs',
  'CodeActAgent-Mistral-7b-v0.1',
  'max5_p2+tool+cd',
);

export function requireSharedData(): void {
  if (!existsSync(sharedMintDir))
    throw new Error(`Shared MINT data not found at ${sharedMintDir}; set MINT_SHARED_DATA.`);
}

/** Lines of a JSONL file under the shared MINT data directory. */
export async function readSharedLines(path: string): Promise<string[]> {
  requireSharedData();
  const text = await readFile(resolve(sharedMintDir, path), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}
