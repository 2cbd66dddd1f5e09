import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

function cpuTimes(): { idle: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total };
}

/** Fraction of machine-wide CPU time that was idle over `windowMs`. */
export async function idleFraction(windowMs = 2000): Promise<number> {
  const before = cpuTimes();
  await delay(windowMs);
  const after = cpuTimes();
  const total = after.total - before.total;
  return total > 0 ? (after.idle - before.idle) / total : 1;
}

/**
 * Waits until the machine is at least `minimumIdle` idle (the executors guide's runner waited for
 * 90%), or gives up after `maxWaitMs`. Returns the idle fraction of the last check.
 */
export async function waitForQuiet(
  minimumIdle: number,
  maxWaitMs: number,
  log: (text: string) => void,
): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  let idle = await idleFraction();
  while (idle < minimumIdle && performance.now() < deadline) {
    log(`machine ${(idle * 100).toFixed(0)}% idle; waiting for ${(minimumIdle * 100).toFixed(0)}%`);
    await delay(10_000);
    idle = await idleFraction();
  }
  return idle;
}
