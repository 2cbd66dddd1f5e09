/**
 * `npm run bench:harness`: how long the harness itself takes for all 82 M³ToolEval tasks × 3 formats
 * when the model answers instantly (a scripted model: no LLM time). Every episode still runs for real:
 * a sandboxed Python session per episode with the task's tools, code actions, tool calls, answer
 * checks in Python, and every episode file, `results.json`, `report.md` and `chart.svg` written.
 * Runs serially and with `--concurrency 4`; prints a Markdown table for `docs/performance.md`.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark } from '@codeact/bench';
import { loadM3Data, loadM3ReferenceSolutions, type M3Task, openM3Session, suite } from '@codeact/bench/m3tooleval';
import { modelResponder, modelText, ScriptedModel, type ScriptedStep } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';

function instantModel(tasks: readonly M3Task[], solutions: ReadonlyMap<string, string>): ScriptedModel {
  const script = new Map<string, ScriptedStep[]>();
  for (const task of tasks) {
    // Code: our reference solution, then the answer read from its observation.
    script.set(`code:${task.id}`, [
      modelText(`Action:\n${solutions.get(task.id)}\nEnd Action`),
      modelResponder((call) => `Answer: ${call.messages.at(-1)?.content ?? ''}`),
    ]);
    // JSON and text: one tool call, then the answer.
    script.set(`json:${task.id}`, [
      modelText('Action: {"tool": "view", "args": []} End Action'),
      modelText(`Answer: ${task.expectedStr}`),
    ]);
    script.set(`text:${task.id}`, [modelText('Action: view End Action'), modelText(`Answer: ${task.expectedStr}`)]);
  }
  return new ScriptedModel({ tasks: script, modelId: 'instant-script', chunkSize: 64 });
}

async function timeRun(concurrency: number) {
  const data = await loadM3Data();
  const model = instantModel(data.tasks, await loadM3ReferenceSolutions());
  const outDir = await mkdtemp(join(tmpdir(), 'codeact-harness-bench-'));
  const executor = await createPythonExecutor();
  try {
    const started = performance.now();
    const run = await runBenchmark({ suite, model, executor, formats: ['code', 'json', 'text'], outDir, concurrency });
    const seconds = (performance.now() - started) / 1000;
    const solved = run.results.filter((result) => result.success).length;
    if (!run.complete || solved !== 246)
      throw new Error(`expected 246 solved episodes, got ${solved} (${run.errors.length} errors)`);
    return {
      concurrency,
      seconds,
      episodes: run.results.length,
      modelCalls: model.calls.length,
      load: loadavg()[0] ?? 0,
    };
  } finally {
    await executor.dispose();
    await rm(outDir, { recursive: true, force: true });
  }
}

/** Mean time to open, use once and close a sandboxed session with an M3 family's tools. */
async function sessionStart(): Promise<number> {
  const data = await loadM3Data();
  const task = data.tasks[0]!;
  const executor = await createPythonExecutor();
  try {
    const started = performance.now();
    for (let index = 0; index < 20; index++) {
      const session = await openM3Session({ task, executor: async () => executor, fixed: false });
      await session.check('KMPP', task.expectedRepr);
      await session.close();
    }
    return (performance.now() - started) / 20;
  } finally {
    await executor.dispose();
  }
}

async function main(): Promise<void> {
  const repeat = Math.max(1, Number(process.argv[2] ?? 1));
  const rows = [];
  for (let round = 0; round < repeat; round++) {
    for (const concurrency of [1, 4]) {
      const row = await timeRun(concurrency);
      process.stderr.write(`concurrency ${concurrency}: ${row.seconds.toFixed(1)} s (load ${row.load.toFixed(1)})\n`);
      rows.push(row);
    }
  }
  const session = await sessionStart();
  const lines = [
    `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), CPython under bubblewrap.`,
    '',
    '| concurrency | episodes | model calls | wall time | per episode | 1-min load after |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.concurrency} | ${row.episodes} | ${row.modelCalls} | ${row.seconds.toFixed(1)} s | ${((row.seconds * 1000) / row.episodes).toFixed(0)} ms | ${row.load.toFixed(1)} |`,
    ),
    '',
    `Opening, using once and closing one sandboxed M3 session: ${session.toFixed(0)} ms (load ${(loadavg()[0] ?? 0).toFixed(1)}).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
