import { readdirSync, readFileSync } from 'node:fs';
import type { Executor } from '@codeact/core';
import {
  createPythonExecutor,
  findInstalledModules,
  type PythonExecutor,
  processTreeMemory,
  scientificPreload,
} from '@codeact/executors';
import { formatMs } from './bench-results.js';
import { type Summary, summarize } from './stats.js';

/** The first data-analysis action: pandas and matplotlib imported, one plot saved (Fig. 3). */
const plotAction = [
  'import pandas as pd',
  'import matplotlib',
  "matplotlib.use('Agg')",
  'import matplotlib.pyplot as plt',
  "pd.DataFrame({'x': range(10), 'y': [v * v for v in range(10)]}).plot(x='x', y='y')",
  "plt.savefig('plot.png')",
].join('\n');

type Column = {
  readonly start: Summary;
  readonly firstAction: Summary;
  readonly rssMb: number;
  readonly pssMb: number;
};

export type PreloadFigures = {
  readonly preload: readonly string[];
  readonly poolSize: number;
  readonly cold: Column;
  readonly pooled: Column;
};

const restMs = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The host PID of the bwrap whose command line binds `workDir` (the session's sandbox). */
function sandboxOf(workDir: string): number {
  const pids = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(workDir);
      } catch {
        return false;
      }
    })
    .map(Number);
  const pid = Math.min(...pids);
  if (!Number.isFinite(pid)) throw new Error(`no sandbox found for ${workDir}`);
  return pid;
}

/** One session: `createSession` until ready, then the plot action; memory of its sandbox when idle after it. */
async function sample(executor: Executor): Promise<{ start: number; action: number; rss: number; pss: number }> {
  const started = performance.now();
  const session = await executor.createSession();
  const start = performance.now() - started;
  try {
    const execution = await session.execute({ code: plotAction });
    if (execution.error) throw new Error(`the plot action failed: ${execution.error.message}`);
    const action = performance.now() - started - start;
    const memory = processTreeMemory(sandboxOf(session.workDir ?? ''));
    return { start, action, rss: memory.rssBytes, pss: memory.pssBytes };
  } finally {
    await session.close();
  }
}

function column(samples: readonly { start: number; action: number; rss: number; pss: number }[]): Column {
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    start: summarize(samples.map((entry) => entry.start)),
    firstAction: summarize(samples.map((entry) => entry.action)),
    rssMb: mb(samples.reduce((sum, entry) => sum + entry.rss, 0) / samples.length),
    pssMb: mb(samples.reduce((sum, entry) => sum + entry.pss, 0) / samples.length),
  };
}

/**
 * Plain python (cold start, no preload) and python from a preloaded warm pool (at rest before each
 * session), sampled alternately so both see the same machine load.
 */
export async function measurePreload(count: number): Promise<PreloadFigures> {
  const { installed } = await findInstalledModules(scientificPreload);
  const poolSize = 2;
  const cold = await createPythonExecutor();
  const pooled: PythonExecutor = await createPythonExecutor({ preload: installed, poolSize });
  try {
    const colds: Awaited<ReturnType<typeof sample>>[] = [];
    const warms: Awaited<ReturnType<typeof sample>>[] = [];
    for (let index = 0; index <= count; index += 1) {
      await sleep(restMs);
      const coldSample = await sample(cold);
      await pooled.whenPoolFull();
      await sleep(restMs);
      const warmSample = await sample(pooled);
      // The first pair only loads code paths.
      if (index > 0) {
        colds.push(coldSample);
        warms.push(warmSample);
      }
    }
    return { preload: installed, poolSize, cold: column(colds), pooled: column(warms) };
  } finally {
    await Promise.all([cold.dispose(), pooled.dispose()]);
  }
}

/** The side-by-side table for the report. */
export function renderPreloadTable(figures: PreloadFigures): string[] {
  const { cold, pooled } = figures;
  const cell = (summary: Summary) => `${formatMs(summary.median)} / ${formatMs(summary.p99)}`;
  return [
    `### Preloaded pool (python, ${figures.preload.join(', ')})`,
    '',
    `Sessions alternate between plain python (cold start, nothing preloaded) and a \`poolSize: ${figures.poolSize}\` executor whose members have imported ${figures.preload.join(', ')} (matplotlib with a warm-up Agg figure) and rest ${restMs} ms before each session is taken; ${cold.start.n} of each. The action imports pandas and matplotlib and saves a plot in the work dir.`,
    '',
    '| Metric (ms, median / p99) | python | python, preloaded pool | ratio |',
    '|---|---|---|---|',
    `| start until ready (\`createSession\`) | ${cell(cold.start)} | ${cell(pooled.start)} | ${(pooled.start.median / cold.start.median).toFixed(2)} |`,
    `| first action: pandas + matplotlib, save a plot | ${cell(cold.firstAction)} | ${cell(pooled.firstAction)} | ${(pooled.firstAction.median / cold.firstAction.median).toFixed(3)} |`,
    `| session memory after it, MB RSS / PSS (sandbox tree) | ${cold.rssMb.toFixed(1)} / ${cold.pssMb.toFixed(1)} | ${pooled.rssMb.toFixed(1)} / ${pooled.pssMb.toFixed(1)} | — |`,
  ];
}
