import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
/** Built output, installed packages and shipped benchmark data (upstream's files) are not ours to split. */
const skipped = new Set(['node_modules', 'dist', 'data', '.git', 'coverage']);
const source = /\.(ts|tsx|mjs|py)$/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : sourceFiles(path);
    return source.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('source files', () => {
  it('stay under 400 lines each (one concept per file, see style.md)', () => {
    const files = ['packages', 'apps', 'benchmarks', 'scripts', 'test'].flatMap((folder) =>
      sourceFiles(join(root, folder)),
    );
    expect(files.length).toBeGreaterThan(500);
    const long = files
      .map((path) => ({ path: relative(root, path), lines: readFileSync(path, 'utf8').split('\n').length - 1 }))
      .filter((file) => file.lines > 400);
    expect(long).toEqual([]);
  });
});
