import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedExecutor } from '@codeact/core/testing';
import { loadReplayModel } from '@codeact/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../../harness/run-benchmark.js';
import { createMintSuite } from '../mint-suite.js';

// Recordings of the kinds other models' public MINT runs contain, replayed through the benchmark.
const countDown = (steps: number, proposals: number) =>
  `You have ${steps} steps left and ${proposals} chances to propose solution left.\n`;
const result = (taskId: number, replies: readonly string[], messages: readonly string[], success: boolean) => {
  const history = [{ role: 'user', content: 'PROMPT' }];
  replies.forEach((reply, index) => {
    history.push({ role: 'assistant', content: `Assistant:\n${reply}\n` });
    const message = messages[index];
    if (message !== undefined) history.push({ role: 'user', content: message });
  });
  return JSON.stringify({
    state: { history, success, terminate_reason: success ? 'task_success' : 'max_propose_steps', error: null },
    task: { task_name: 'reasoning', task_id: taskId },
  });
};

let dir: string;
let recorded: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-mint-classes-'));
  recorded = join(dir, 'recorded');
  await mkdir(recorded);
  // A model that does not stop at </execute>: code, an invented observation and a solution in one
  // reply, which MINT scored as a (right) proposal without running the code.
  await writeFile(
    join(recorded, 'gsm8k.results.jsonl'),
    `${result(0, ['<execute> print(12 / 2) </execute>\nObservation:\n6.0\nThe answer is <solution> 6 </solution>'], [], true)}\n`,
  );
  // A run scored before upstream's 2023-10-11 TheoremQA fix: the bare option letter was wrong twice.
  const wrong = `Observation:\nYour answer is wrong.\n${countDown(4, 1)}`;
  await writeFile(
    join(recorded, 'theoremqa.results.jsonl'),
    `${result(50, ['<solution> a </solution>', '<solution> a </solution>'], [wrong], false)}\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function replay(fixed: boolean) {
  const model = await loadReplayModel(recorded, { modelId: 'recorded' });
  const executor = new ScriptedExecutor((code) => ({ stdout: `ran ${code}\n` }));
  const outDir = await mkdtemp(join(dir, 'out-'));
  const run = await runBenchmark({
    suite: createMintSuite(),
    model,
    executor,
    outDir,
    tasks: 'gsm8k/0,theoremqa/50',
    suiteOptions: fixed ? { fixed: true } : {},
  });
  return { run, executor, model };
}

describe('replaying recordings of other models', () => {
  it('reproduces their verdicts in the faithful mode', async () => {
    const { run, executor, model } = await replay(false);
    expect(run.errors).toEqual([]);
    const byTask = Object.fromEntries(run.results.map((episode) => [episode.taskId, episode]));
    expect(byTask['gsm8k/0']).toMatchObject({ success: true, endReason: 'task_success', turns: 1 });
    expect(byTask['theoremqa/50']).toMatchObject({ success: false, endReason: 'max_propose_steps', turns: 2 });
    expect(executor.executed).toEqual([]);
    expect(model.divergences().filter((divergence) => divergence.kind !== 'prompt')).toEqual([]);
  });

  it('accepts the option letter under --fixed', async () => {
    const { run } = await replay(true);
    const theoremqa = run.results.find((episode) => episode.taskId === 'theoremqa/50');
    expect(theoremqa).toMatchObject({ success: true, endReason: 'task_success', turns: 1 });
  });
});
