import { readdirSync, readFileSync } from 'node:fs';

/** Resident and proportional memory of a process tree, in bytes. */
export type TreeMemory = { readonly rssBytes: number; readonly pssBytes: number };

function readKilobytes(path: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `root` and every process below it, from /proc. */
export function processTree(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent === undefined) continue;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(Number(entry));
    byParent.set(parent, siblings);
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) tree.push(...(byParent.get(tree[index] ?? -1) ?? []));
  return tree;
}

/** RSS and PSS of `root` and its descendants (a sandbox: bwrap, its init, the interpreter). */
export function processTreeMemory(root: number): TreeMemory {
  let rss = 0;
  let pss = 0;
  for (const pid of processTree(root)) {
    rss += readKilobytes(`/proc/${pid}/status`, 'VmRSS');
    pss += readKilobytes(`/proc/${pid}/smaps_rollup`, 'Pss');
  }
  return { rssBytes: rss * 1024, pssBytes: pss * 1024 };
}
