import { lstat, mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';

/** A path inside the work dir, or an error naming why not (absolute, `..`, a symlink out). */
async function inside(root: string, path: string): Promise<string> {
  const realRoot = await realpath(root);
  const target = resolve(realRoot, path);
  if (target !== realRoot && !target.startsWith(realRoot + sep)) throw new Error(`${path} is outside the work dir`);
  // The deepest existing ancestor must resolve inside too (no symlinks out).
  let existing = target;
  for (;;) {
    const info = await lstat(existing).catch(() => undefined);
    if (info) break;
    existing = dirname(existing);
  }
  const real = await realpath(existing);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) throw new Error(`${path} is outside the work dir`);
  return target;
}

export async function listWorkDir(root: string, path = '.'): Promise<string> {
  const dir = await inside(root, path);
  const entries = await readdir(dir, { withFileTypes: true });
  const lines = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (entry) =>
        entry.isDirectory() ? `${entry.name}/` : `${entry.name}\t${(await stat(resolve(dir, entry.name))).size} bytes`,
      ),
  );
  return lines.length > 0 ? lines.join('\n') : '(empty)';
}

export async function readWorkDirFile(root: string, path: string, maxBytes: number): Promise<string> {
  const file = await inside(root, path);
  const size = (await stat(file)).size;
  if (size > maxBytes) throw new Error(`${path} has ${size} bytes; read_file returns at most ${maxBytes}`);
  return readFile(file, 'utf8');
}

export async function writeWorkDirFile(root: string, path: string, content: string, maxBytes: number): Promise<string> {
  const bytes = Buffer.byteLength(content);
  if (bytes > maxBytes) throw new Error(`content has ${bytes} bytes; write_file takes at most ${maxBytes}`);
  const file = await inside(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  return `wrote ${bytes} bytes to ${relative(await realpath(root), file)}`;
}
