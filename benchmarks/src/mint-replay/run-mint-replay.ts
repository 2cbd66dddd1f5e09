/**
 * `npm run bench:mint-replay`: replays the recorded CodeActAgent-Mistral-7b-v0.1 MINT run (k = 5)
 * through codeact's MINT protocol, checkers and Python interpreter, then prints the reproduced
 * Table 5 next to the paper's, and the observation fidelity, and writes them to docs/mint-replay.md.
 *
 * Usage: node run-mint-replay.js [RECORDED_DIR] [--out DIR] [--concurrency N]
 * RECORDED_DIR defaults to $MINT_REFERENCE_DIR, else the recording shipped in packages/mint/data/.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgressReporter, type EpisodeResult, runBenchmark } from '@codeact/bench';
import {
  codeActAgentMistralRecorded,
  collectFidelity,
  createMintSuite,
  type FamilyCounts,
  renderFamilyTable,
  renderFidelityTable,
  renderTable5,
} from '@codeact/bench/mint';
import { CodeActError } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import {
  type FidelityComparison,
  isRecordingModel,
  mintRecordedRunDir,
  mintTaskFamilies,
  type RecordingModel,
} from '@codeact/mint';
import { loadReplayModel } from '@codeact/models';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

type Args = { recording: string; outDir: string | undefined; concurrency: number };

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    recording: process.env.MINT_REFERENCE_DIR ?? mintRecordedRunDir,
    outDir: undefined,
    concurrency: 2,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--out') args.outDir = argv[++index];
    else if (arg === '--concurrency') args.concurrency = Number(argv[++index]);
    else args.recording = resolve(arg);
  }
  return args;
}

async function loadReplay(path: string): Promise<RecordingModel> {
  const model = await loadReplayModel(path, { modelId: 'CodeActAgent-Mistral-7b-v0.1 (replayed)' });
  if (!isRecordingModel(model)) throw new Error('The replay model exposes no recordings.');
  return model;
}

function countsOf(results: readonly EpisodeResult[], pick: (result: EpisodeResult) => boolean): FamilyCounts {
  const counts: Record<string, { success: number; total: number }> = {};
  for (const family of mintTaskFamilies) {
    const mine = results.filter((result) => result.taskId.startsWith(`${family.name}/`));
    counts[family.name] = { success: mine.filter(pick).length, total: mine.length };
  }
  return counts;
}

function recordedSuccess(model: RecordingModel, taskId: string): boolean {
  return model.recordedEpisode(taskId)?.outcome.success === true;
}

const clip = (text: string, lines = 4) => {
  const all = text.split('\n');
  const kept = all.length > lines ? ['…', ...all.slice(-lines)] : all;
  return kept.map((line) => (line.length > 160 ? `${line.slice(0, 157)}…` : line)).join('\n');
};

const kindMeaning: Record<string, string> = {
  'error-message': 'the same exception class with other wording (Python 3.8 → 3.11, SymPy versions)',
  'other-error': 'another exception class',
  'error-vs-output': 'one side raised and the other printed (e.g. `math.lcm`, `list[int]` are new in Python 3.9)',
  order: 'the same items in another order (e.g. SymPy dict ordering)',
  output: 'different printed output',
};

function renderDifferenceSummary(results: readonly EpisodeResult[]): string[] {
  const counts = new Map<string, number>();
  for (const result of results) {
    const fidelity = result.extra?.fidelity as { differences: FidelityComparison[] } | undefined;
    for (const difference of fidelity?.differences ?? [])
      counts.set(difference.kind, (counts.get(difference.kind) ?? 0) + 1);
  }
  if (counts.size === 0) return ['No differences.'];
  return [
    '| Kind | Count | Meaning |',
    '|---|---|---|',
    ...[...counts].map(([kind, count]) => `| ${kind} | ${count} | ${kindMeaning[kind] ?? ''} |`),
  ];
}

function renderDifferences(results: readonly EpisodeResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const fidelity = result.extra?.fidelity as { differences: FidelityComparison[] } | undefined;
    for (const difference of fidelity?.differences ?? []) {
      lines.push(
        `### ${result.taskId}, turn ${difference.turn + 1} (${difference.kind})`,
        '',
        '```python',
        clip(difference.code, 6),
        '```',
        '',
        'Recorded:',
        '```',
        clip(difference.recorded),
        '```',
        'Ours:',
        '```',
        clip(difference.ours),
        '```',
        '',
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const model = await loadReplay(args.recording);
  const executor = await createPythonExecutor();
  const outDir = args.outDir ?? (await mkdtemp(join(tmpdir(), 'codeact-mint-replay-')));
  const run = await runBenchmark({
    suite: createMintSuite(),
    model,
    executor,
    outDir,
    concurrency: args.concurrency,
    reporter: createProgressReporter({ stream: process.stderr }),
  });
  await executor.dispose();
  const ours = countsOf(run.results, (result) => result.success);
  const recorded = countsOf(run.results, (result) => recordedSuccess(model, result.taskId));
  const agreeing = run.results.filter((result) => result.success === recordedSuccess(model, result.taskId)).length;
  const alfworldIds = model.taskIds().filter((id) => id.startsWith('alfworld/'));
  const alfworld = {
    success: alfworldIds.filter((id) => recordedSuccess(model, id)).length,
    total: alfworldIds.length,
  };
  const withAlfworld = alfworld.total > 0 ? { alfworld, ...ours } : ours;
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);

  const lines = [
    '# MINT replay: CodeActAgent-Mistral-7b-v0.1, k = 5',
    '',
    'Generated by `npm run bench:mint-replay`. The recorded MINT run of the released CodeActAgent-Mistral',
    '(mint-bench `data/outputs/CodeActAgent-Mistral-7b-v0.1/F=None/max5_p2+tool+cd`) is fed back turn by turn',
    "through codeact's MINT protocol (`--model replay:DIR`): our prompts, our parser and budget, our Python",
    'interpreter for every code action and our checkers for every proposal. No language model is involved.',
    '',
    `Executor: ${executor.description}. Episodes: ${run.results.length}, errors: ${run.errors.length}, ${minutes} min.`,
    '',
    '## Table 5, MINT columns',
    '',
    ...renderTable5('codeact replay', withAlfworld, alfworld.total > 0 ? ' (ALFWorld as recorded)' : ''),
    '',
    `ALFWorld (${alfworld.success}/${alfworld.total}) is taken from the recording: it needs the TextWorld engine, which codeact does not run.`,
    '',
    '## Per task family',
    '',
    `Our verdicts agree with the recorded verdict on ${agreeing} of ${run.results.length} tasks.`,
    '',
    ...renderFamilyTable(withAlfworld, { title: 'Recorded', counts: { alfworld, ...recorded } }),
    '',
    `Recorded counts as published: ${Object.entries(codeActAgentMistralRecorded)
      .map(([family, entry]) => `${family} ${entry.success}/${entry.total}`)
      .join(', ')}.`,
    '',
    '## Observation fidelity',
    '',
    'Every replayed code action whose recorded output is deterministic is run in our interpreter and its',
    'observation compared with the recorded one. Not compared: actions calling `wikipedia_search` (served',
    'from the recording offline), timeouts, and code using randomness or the clock (and later cells of that',
    'episode). A match is byte-identical, the same exception with other traceback frames and file paths, or',
    "the same text up to IPython's pretty-printing line breaks. The recording was made with IPython on",
    'Python 3.8; our interpreter is plain CPython, so exception messages that changed between Python (or',
    'SymPy) versions show up as differences below.',
    '',
    ...renderFidelityTable(collectFidelity(run.results)),
    '',
    ...renderDifferenceSummary(run.results),
    '',
    '## Differences',
    '',
    ...renderDifferences(run.results),
  ];
  const markdown = `${lines.join('\n').trimEnd()}\n`;
  const docsDir = join(repoRoot, 'docs');
  await mkdir(docsDir, { recursive: true });
  await writeFile(join(docsDir, 'mint-replay.md'), markdown);
  process.stdout.write(markdown.split('\n## Differences')[0] as string);
  process.stdout.write(`\nWritten to docs/mint-replay.md; episodes in ${outDir}\n`);
  for (const error of run.errors) process.stderr.write(`error: ${error.taskId}: ${error.message}\n`);
  if (agreeing !== run.results.length || run.errors.length > 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  // A wrong path or a broken recording is the user's to fix: one line, no stack trace.
  if (!CodeActError.isInstance(error) || error.code !== 'CONFIGURATION') throw error;
  process.stderr.write(`bench:mint-replay: ${error.message}\n`);
  process.exitCode = 2;
}
