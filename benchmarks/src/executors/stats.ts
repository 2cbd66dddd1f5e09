/** Nearest-rank summary of timing samples, in milliseconds. */
export type Summary = {
  readonly n: number;
  readonly median: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
};

function nearestRank(sorted: readonly number[], fraction: number): number {
  const index = Math.max(0, Math.ceil(fraction * sorted.length) - 1);
  return sorted[index] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: nearestRank(sorted, 0.5),
    p99: nearestRank(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Runs `sample` `count` times after `warmup` discarded runs and summarizes the timings it returns. */
export async function collect(count: number, sample: () => Promise<number> | number, warmup = 0): Promise<Summary> {
  for (let index = 0; index < warmup; index += 1) await sample();
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) samples.push(await sample());
  return summarize(samples);
}
