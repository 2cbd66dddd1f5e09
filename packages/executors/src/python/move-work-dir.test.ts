import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveWorkDir } from './move-work-dir.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function scratch(parent = tmpdir()): string {
  const root = mkdtempSync(join(parent, 'codeact-move-'));
  roots.push(root);
  return root;
}

describe('moveWorkDir', () => {
  it('puts the source at the target, keeping the files the target held', async () => {
    const root = scratch();
    const source = join(root, 'member');
    const target = join(root, 'conversation');
    mkdirSync(source);
    mkdirSync(join(target, 'nested'), { recursive: true });
    writeFileSync(join(target, 'data.csv'), '1,2\n');
    writeFileSync(join(target, 'nested', 'deep.txt'), 'deep');
    const inode = statSync(source).ino;
    expect(await moveWorkDir(source, target)).toBe(true);
    expect(statSync(target).ino).toBe(inode);
    expect(existsSync(source)).toBe(false);
    expect(readdirSync(target).sort()).toEqual(['data.csv', 'nested']);
    expect(readdirSync(join(target, 'nested'))).toEqual(['deep.txt']);
  });

  it.skipIf(!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(tmpdir()).dev)(
    'refuses another filesystem and leaves both directories as they were',
    async () => {
      const source = join(scratch(), 'member');
      mkdirSync(source);
      const target = scratch('/dev/shm');
      writeFileSync(join(target, 'data.csv'), '1,2\n');
      const inode = statSync(target).ino;
      expect(await moveWorkDir(source, target)).toBe(false);
      expect(statSync(target).ino).toBe(inode);
      expect(readdirSync(target)).toEqual(['data.csv']);
      expect(readdirSync(source)).toEqual([]);
    },
  );
});
