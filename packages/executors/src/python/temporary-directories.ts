import { rmSync } from 'node:fs';

const live = new Set<string>();
let installed = false;

/** Removes `directory` when the host exits, unless the returned function is called first (after removing it). */
export function trackTemporaryDirectory(directory: string): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', () => {
      for (const path of live) rmSync(path, { recursive: true, force: true });
    });
  }
  live.add(directory);
  return () => {
    live.delete(directory);
  };
}
