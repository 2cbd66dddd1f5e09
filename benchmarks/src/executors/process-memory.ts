import { readdirSync, readFileSync } from 'node:fs';

function readKilobytes(path: string, field: string): number {
  try {
    const text = readFileSync(path, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
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

function treeOf(root: number): number[] {
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

/** RSS and PSS (MB) of this process and every descendant (sandboxes, workers' children). */
export function treeMemory(): { rssMb: number; pssMb: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of treeOf(process.pid)) {
    rss += readKilobytes(`/proc/${pid}/status`, 'VmRSS');
    pss += readKilobytes(`/proc/${pid}/smaps_rollup`, 'Pss');
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024 };
}
