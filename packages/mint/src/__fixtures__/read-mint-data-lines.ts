import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { mintDataDir } from '../mint-data.js';

/** Non-blank lines of a (gzipped when it ends in `.gz`) JSON Lines file under `data/`, tests only. */
export async function readMintDataLines(path: string): Promise<string[]> {
  const bytes = await readFile(join(mintDataDir, path));
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}
