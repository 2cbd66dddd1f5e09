import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** State letter and process group of `pid`, or undefined once it is gone. */
function readStat(pid: number | string): { state: string; group: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', group: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** True while `pid` exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

/** True while any non-zombie process belongs to process group `group`. */
export function hasRunningMember(group: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (entry.charCodeAt(0) > 57) continue;
    const stat = readStat(entry);
    if (stat && stat.group === group && stat.state !== 'Z') return true;
  }
  return false;
}

/** Polls `stillThere` until it is false or `timeoutMs` passes. Killed processes vanish within milliseconds. */
export async function waitUntilGone(stillThere: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (stillThere() && performance.now() < deadline) await delay(2);
}
