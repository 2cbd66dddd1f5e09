import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { mintRecordedRunDir, mintTaskFamilies } from '@codeact/mint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The replay model lives in @codeact/models; imported by path until that package's index exports it.
import { loadReplayModel, type ReplayModel } from '../../../../../models/src/replay/index.js';
import type { EpisodeResult as HarnessEpisode } from '../../../harness/benchmark-suite.js';
import { runBenchmark } from '../../../harness/run-benchmark.js';
import { percent } from '../../../harness/summarize.js';
import { mintPaperRows } from '../mint-paper-results.js';
import { collectFidelity, microAverage } from '../mint-report.js';
import { createMintSuite } from '../mint-suite.js';

let model: ReplayModel;
let executor: Executor;
const outDirs: string[] = [];

beforeAll(async () => {
  model = await loadReplayModel(mintRecordedRunDir, { modelId: 'CodeActAgent-Mistral-7b-v0.1' });
  executor = await createPythonExecutor();
});

afterAll(async () => {
  await executor.dispose();
  for (const dir of outDirs) await rm(dir, { recursive: true, force: true });
});

async function replay(options: { tasks?: string; observations?: 'recorded' }) {
  const outDir = await mkdtemp(join(tmpdir(), 'codeact-mint-replay-'));
  outDirs.push(outDir);
  return runBenchmark({
    suite: createMintSuite(),
    model,
    executor,
    outDir,
    concurrency: 2,
    tasks: options.tasks,
    suiteOptions: options.observations ? { observations: options.observations } : {},
  });
}

function recordedCounts(family: string) {
  const ids = model.taskIds().filter((id) => id.startsWith(`${family}/`));
  const success = ids.filter((id) => model.recordedEpisode(id)?.outcome.success === true).length;
  return { success, total: ids.length };
}

function mismatches(results: readonly HarnessEpisode[]) {
  return results
    .filter((result) => {
      const recorded = model.recordedEpisode(result.taskId);
      return result.success !== recorded?.outcome.success || result.endReason !== recorded.outcome.reason;
    })
    .map((result) => result.taskId);
}

describe('replaying the recorded CodeActAgent-Mistral MINT run (k = 5)', () => {
  it('reproduces every recorded verdict and end reason of the 452 tasks, and Table 5', async () => {
    const run = await replay({ observations: 'recorded' });
    expect(run.errors).toEqual([]);
    expect(run.results).toHaveLength(452);
    expect(mismatches(run.results)).toEqual([]);
    // Same turns and the same environment messages, count-down lines included, as recorded.
    for (const result of run.results) {
      expect(result.turns, result.taskId).toBe(model.recordedEpisode(result.taskId)?.turns.length);
    }
    expect(model.divergences()).toEqual([]);

    const counts: Record<string, { success: number; total: number }> = { alfworld: recordedCounts('alfworld') };
    for (const family of mintTaskFamilies) {
      const entry = run.summary[family.name] as { success: number; total: number };
      expect({ success: entry.success, total: entry.total }, family.name).toEqual(recordedCounts(family.name));
      counts[family.name] = { success: entry.success, total: entry.total };
    }
    const paper = mintPaperRows.find((row) => row.model === 'CodeActAgent (Mistral, 7B)');
    const id = microAverage(counts, 'in-domain');
    const od = microAverage(counts, 'out-of-domain');
    expect([percent(id.success, id.total), percent(od.success, od.total)]).toEqual([
      paper?.id.toFixed(1),
      paper?.od.toFixed(1),
    ]);
    const results = JSON.parse(await readFile(join(run.outDir, 'results.json'), 'utf8'));
    expect(results.summary.mbpp).toMatchObject(recordedCounts('mbpp'));
  }, 240_000);

  it('reproduces the verdicts with our interpreter running the code, and its output matches the recording', async () => {
    const firstEight = mintTaskFamilies.flatMap((family) =>
      Array.from({ length: 8 }, (_, index) => `${family.name}/${family.name === 'theoremqa' ? index + 1 : index}`),
    );
    const run = await replay({ tasks: firstEight.join(',') });
    expect(run.errors).toEqual([]);
    expect(run.results.length).toBeGreaterThanOrEqual(50);
    expect(mismatches(run.results)).toEqual([]);
    const fidelity = [...collectFidelity(run.results).values()].flat();
    const compared = fidelity.reduce((sum, entry) => sum + entry.compared, 0);
    const matched = fidelity.reduce((sum, entry) => sum + entry.matched, 0);
    expect(compared).toBeGreaterThan(50);
    expect(matched / compared).toBeGreaterThan(0.95);
    // Whatever differs must be an error wording or an ordering, never a number in printed output.
    const kinds = new Set(fidelity.flatMap((entry) => entry.differences.map((difference) => difference.kind)));
    expect([...kinds].filter((kind) => kind === 'output')).toEqual([]);
  }, 240_000);
});
