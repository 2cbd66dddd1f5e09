/**
 * `npm run bench:executors`: per-interpreter costs side by side with the machine's floors, all in
 * one run, written to the `## Executors` section of docs/performance.md.
 * Flags: `--quick` (few samples, for a smoke run), `--no-write` (print only), `--no-wait` (do not
 * wait up to 10 minutes for the shared machine to be 80% idle first).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createJupyterExecutor,
  createPyodideExecutor,
  createPythonExecutor,
  defaultPythonPath,
  type PyodideExecutor,
  startTemporaryJupyter,
} from '@codeact/executors';
import { performanceDocPath, writePerformanceSection } from '../report/write-performance-section.js';
import { type BenchResults, isFigures } from './bench-results.js';
import { checkTargets } from './check-targets.js';
import { loadAverage, machineFacts } from './machine-facts.js';
import { type ExecutorFigures, type MeasureOptions, measureExecutor } from './measure-executor.js';
import { createFloorSampler } from './measure-floors.js';
import { measureJupyter } from './measure-jupyter.js';
import { measurePreload } from './measure-preload.js';
import { measureBarePyodide, measureCliExec, measurePyodidePath } from './measure-pyodide-paths.js';
import { renderBenchReport } from './render-bench-report.js';
import { idleFraction, waitForQuiet } from './wait-for-quiet.js';

/** How long a refilled pool interpreter idles before a timed session takes it. */
const poolRestMs = 250;

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const wait = !process.argv.includes('--no-wait') && !quick;
const graceMs = 50;
const samples = quick
  ? { starts: 5, actions: 300, toolCalls: 500, interrupts: 5, runaways: 3, idleSessions: 2 }
  : { starts: 30, actions: 3000, toolCalls: 10_000, interrupts: 20, runaways: 10, idleSessions: 5 };

const pyodideCache = mkdtempSync(join(tmpdir(), 'codeact-bench-pyodide-'));

const log = (text: string) => process.stderr.write(`[bench:executors] ${text}\n`);

async function measurePyodide(): Promise<ExecutorFigures | { missing: string }> {
  let executor: PyodideExecutor | undefined;
  const options: MeasureOptions = {
    label: 'pyodide',
    ...samples,
    interruptGraceMs: graceMs,
    createExecutor: async () => {
      // An empty snapshot cache: "executor ready" stays a cold boot that makes the snapshot.
      executor = createPyodideExecutor({ interruptGraceMs: graceMs, poolSize: 1, snapshotCache: pyodideCache });
      await executor.warmUp();
      return executor;
    },
    // The pool at rest: a replacement that booted moments ago is still being compiled by V8 in the
    // background and costs ~35-55 ms more on its first cell (see the note in the report).
    beforeSession: async () => {
      await executor?.warmUp();
      await new Promise((resolve) => setTimeout(resolve, poolRestMs));
    },
  };
  return measureExecutor(options);
}

/** The `jupyter:` executor against a temporary Jupyter Server: start, action, tool call and interrupt. */
async function measureJupyterExecutor(): Promise<ExecutorFigures | { missing: string }> {
  let server: Awaited<ReturnType<typeof startTemporaryJupyter>>;
  try {
    server = await startTemporaryJupyter();
  } catch (error) {
    return { missing: (error as Error).message.split('\n')[0] ?? 'jupyter-server did not start' };
  }
  try {
    return await measureExecutor({
      label: 'jupyter',
      starts: quick ? 2 : 5,
      actions: quick ? 50 : 300,
      toolCalls: quick ? 50 : 300,
      interrupts: quick ? 2 : 5,
      runaways: 1,
      idleSessions: 1,
      interruptGraceMs: 3000,
      createExecutor: () => createJupyterExecutor({ url: server.url, token: server.token }),
    });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const idle = wait ? await waitForQuiet(0.8, 600_000, log) : await idleFraction();
  const facts = machineFacts(idle);
  log('python executor, with floor samples interleaved');
  const floor = createFloorSampler(defaultPythonPath);
  const python = await measureExecutor({
    label: 'python',
    ...samples,
    interruptGraceMs: graceMs,
    floor,
    createExecutor: () => createPythonExecutor({ interruptGraceMs: graceMs }),
  }).finally(() => floor.close());
  if (!python.floors) throw new Error('no floor samples');
  log('python: plain beside a preloaded warm pool');
  const preload = await measurePreload(quick ? 3 : 10);
  log('pyodide executor');
  const pyodide = await measurePyodide();
  log('pyodide: lean and full children from the snapshot cache, the bare floor, the CLI first exec');
  const pyodidePaths = isFigures(pyodide)
    ? {
        lean: await measurePyodidePath(true, samples.idleSessions, pyodideCache),
        full: await measurePyodidePath(false, samples.idleSessions, pyodideCache),
        bare: await measureBarePyodide(),
        cli: await measureCliExec(quick ? 2 : 5),
      }
    : undefined;
  log('jupyter kernel');
  const jupyter = await measureJupyter(defaultPythonPath, quick ? 1 : 5, quick ? 50 : 500);
  log('jupyter: executor on a temporary Jupyter Server');
  const jupyterExecutor = await measureJupyterExecutor();
  const results: BenchResults = {
    facts,
    loadAfter: loadAverage(),
    python: { ...python, floors: python.floors },
    pyodide,
    jupyter,
    jupyterExecutor,
    preload,
    pyodidePaths,
  };
  const report = renderBenchReport(results);
  process.stdout.write(report);
  if (write) {
    writePerformanceSection('Executors', report);
    log(`wrote ${performanceDocPath}`);
  }
  if (checkTargets(results).some((check) => check.pass === false)) process.exitCode = 1;
}

// Pyodide's children are unref'd while they boot; keep the loop alive until the run is done.
const keepAlive = setInterval(() => {}, 60_000);
try {
  await main();
} finally {
  clearInterval(keepAlive);
  rmSync(pyodideCache, { recursive: true, force: true });
}
