import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ConfigurationError,
  generateText,
  ModelCallError,
  type ModelMessage,
  runAgent,
  ScriptExhaustedError,
  stringifyTrajectory,
} from '@codeact/core';
import { modelAnswer, modelCode, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadReplayModel, mintFamilyOfFile } from './load-replay-model.js';
import { readMintEpisodes } from './read-mint-episodes.js';
import { ReplayModel } from './replay-model.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-replay-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const countDown = (steps: number, proposals: number) =>
  `You have ${steps} steps left and ${proposals} chances to propose solution left.\n`;

/** A MINT results line: a code turn, an empty reply (two user messages in a row), then a proposal. */
function mintLine(taskId: number | string, extra: Record<string, unknown> = {}) {
  return {
    state: {
      history: [
        { role: 'user', content: `PROMPT ${taskId}` },
        { role: 'assistant', content: 'Assistant:\n<execute> print(1) </execute>\n' },
        { role: 'user', content: `Observation:\n1\n${countDown(4, 2)}` },
        { role: 'user', content: `Observation:\nI don't understand your input.\n${countDown(3, 2)}` },
        { role: 'assistant', content: 'Assistant:\nThe answer is <solution> 1 </solution>.\n' },
      ],
      finished: true,
      success: true,
      terminate_reason: 'task_success',
      error: null,
      ...extra,
    },
    task: { task_name: 'reasoning', task_id: taskId, prompt: 'p', reference: '1', metadata: {} },
  };
}

const jsonl = (lines: readonly object[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;

/** A conversation at turn `turn`: the prompt plus one user message per earlier turn. */
function conversation(prompt: string, observations: readonly string[]): ModelMessage[] {
  return [{ role: 'user', content: prompt }, ...observations.map((content) => ({ role: 'user' as const, content }))];
}

describe('readMintEpisodes', () => {
  it('recovers the model replies, empty replies and observations from state.history', () => {
    const result = readMintEpisodes(jsonl([mintLine(7)]), { family: 'gsm8k', file: 'gsm8k.results.jsonl' });
    expect(result.success).toBe(true);
    const [episode] = result.value ?? [];
    expect(episode?.taskId).toBe('gsm8k/7');
    expect(episode?.prompt).toBe('PROMPT 7');
    expect(episode?.turns.map((turn) => turn.reply)).toEqual([
      '<execute> print(1) </execute>',
      '',
      'The answer is <solution> 1 </solution>.',
    ]);
    expect(episode?.turns.map((turn) => turn.observation)).toEqual([
      `Observation:\n1\n${countDown(4, 2)}`,
      `Observation:\nI don't understand your input.\n${countDown(3, 2)}`,
      undefined,
    ]);
    expect(episode?.outcome).toEqual({ success: true, reason: 'task_success' });
  });

  it('keeps a recorded model error as the outcome', () => {
    const line = mintLine(1, {
      success: false,
      terminate_reason: 'error',
      error: 'InvalidRequestError\ncontext length',
    });
    const [episode] = readMintEpisodes(jsonl([line]), { family: 'math', file: 'f' }).value ?? [];
    expect(episode?.outcome).toEqual({
      success: false,
      reason: 'error',
      modelError: 'InvalidRequestError\ncontext length',
    });
  });

  it('reports the line of a record that is not a MINT result', () => {
    const result = readMintEpisodes('{"state": {"history": 3}, "task": {}}\n', { family: 'math', file: 'x.jsonl' });
    expect(result.success).toBe(false);
    expect(result.error).toMatch(/^x\.jsonl:1: not a MINT result/);
  });
});

describe('ReplayModel', () => {
  it('answers each task with its recorded replies, by turn, and can start an episode again', async () => {
    const [episode] = readMintEpisodes(jsonl([mintLine(0)]), { family: 'gsm8k', file: 'f' }).value ?? [];
    const model = new ReplayModel({ episodes: [episode as NonNullable<typeof episode>], modelId: 'mistral' });
    const taskId = 'gsm8k/0';
    const turns = episode?.turns ?? [];
    expect((await generateText(model, { messages: conversation('PROMPT 0', []), taskId })).text).toBe(turns[0]?.reply);
    const second = conversation('PROMPT 0', [turns[0]?.observation as string]);
    expect((await generateText(model, { messages: second, taskId })).text).toBe('');
    expect((await generateText(model, { messages: conversation('PROMPT 0', []), taskId })).text).toBe(turns[0]?.reply);
    expect(model.divergences()).toEqual([]);
    expect([model.provider, model.modelId]).toEqual(['replay', 'mistral']);
  });

  it('records where the conversation differs from the recording', async () => {
    const [episode] = readMintEpisodes(jsonl([mintLine(0)]), { family: 'gsm8k', file: 'f' }).value ?? [];
    const model = new ReplayModel({ episodes: [episode as NonNullable<typeof episode>] });
    await generateText(model, { messages: conversation('ANOTHER PROMPT', []), taskId: 'gsm8k/0' });
    await generateText(model, { messages: conversation('PROMPT 0', ['Observation:\n2\n']), taskId: 'gsm8k/0' });
    expect(model.divergences()).toEqual([
      { taskId: 'gsm8k/0', turn: 0, kind: 'prompt' },
      { taskId: 'gsm8k/0', turn: 1, kind: 'observation' },
    ]);
  });

  it('throws the recorded model error after the last turn, else ScriptExhaustedError', async () => {
    const lines = [mintLine(0), mintLine(1, { success: false, terminate_reason: 'error', error: 'too long' })];
    const episodes = readMintEpisodes(jsonl(lines), { family: 'math', file: 'f' }).value ?? [];
    const model = new ReplayModel({ episodes });
    const afterLast = conversation('p', ['a', 'b', 'c']);
    await expect(generateText(model, { messages: afterLast, taskId: 'math/1' })).rejects.toBeInstanceOf(ModelCallError);
    await expect(generateText(model, { messages: afterLast, taskId: 'math/1' })).rejects.toThrow(
      'Recorded model error: too long',
    );
    await expect(generateText(model, { messages: afterLast, taskId: 'math/0' })).rejects.toBeInstanceOf(
      ScriptExhaustedError,
    );
    await expect(generateText(model, { messages: afterLast, taskId: 'math/9' })).rejects.toThrow(
      'has no recorded run of task math/9',
    );
    await expect(generateText(model, { messages: afterLast })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('refuses a task recorded twice', () => {
    const episodes =
      readMintEpisodes(jsonl([mintLine(0), mintLine(0)]), { family: 'math', file: 'a.jsonl' }).value ?? [];
    expect(() => new ReplayModel({ episodes })).toThrow('Task math/0 is recorded twice (a.jsonl:1 and a.jsonl:2)');
  });

  it('is recognised across copies of the package by its marker', () => {
    expect(ReplayModel.isInstance(new ReplayModel({ episodes: [] }))).toBe(true);
    expect(ReplayModel.isInstance(new ScriptedModel([]))).toBe(false);
  });
});

describe('loadReplayModel', () => {
  it('reads <family>.results.jsonl files and mint-bench <family>/results.jsonl folders recursively', async () => {
    await writeFile(join(dir, 'gsm8k.results.jsonl'), jsonl([mintLine(0), mintLine(1)]));
    await mkdir(join(dir, 'reasoning', 'mmlu'), { recursive: true });
    await writeFile(join(dir, 'reasoning', 'mmlu', 'results.jsonl'), jsonl([mintLine(3)]));
    const model = await loadReplayModel(dir, { modelId: 'recorded' });
    expect(model.taskIds().sort()).toEqual(['gsm8k/0', 'gsm8k/1', 'mmlu/3']);
    expect(mintFamilyOfFile('/x/humaneval.results.jsonl')).toBe('humaneval');
  });

  it('reads gzipped <family>.results.jsonl.gz files', async () => {
    await writeFile(join(dir, 'theoremqa.results.jsonl.gz'), gzipSync(jsonl([mintLine(5), mintLine(9)])));
    const model = await loadReplayModel(dir, { modelId: 'recorded' });
    expect(model.taskIds().sort()).toEqual(['theoremqa/5', 'theoremqa/9']);
    expect(model.recordedEpisode('theoremqa/9')?.outcome.success).toBe(true);
    expect(mintFamilyOfFile('/x/mbpp.results.jsonl.gz')).toBe('mbpp');
  });

  it('replays codeact trajectories through the core loop with the same replies', async () => {
    const scripted = new ScriptedModel([modelCode('print(6 * 7)'), modelAnswer('42')]);
    const executor = new ScriptedExecutor([{ stdout: '42\n' }]);
    const original = await runAgent({ model: scripted, executor, prompt: 'Six times seven?', taskId: 'demo/1' });
    const file = join(dir, 'runs.jsonl');
    await writeFile(file, `${stringifyTrajectory(original.trajectory)}\n`);

    const replay = await loadReplayModel(file);
    const again = await runAgent({
      model: replay,
      executor: new ScriptedExecutor([{ stdout: '42\n' }]),
      prompt: 'Six times seven?',
      taskId: 'demo/1',
    });
    expect(again.answer).toBe('42');
    expect(again.trajectory.steps.map((step) => step.reply.text)).toEqual(
      original.trajectory.steps.map((step) => step.reply.text),
    );
    expect(replay.divergences()).toEqual([]);
    expect(replay.recordedEpisode('demo/1')?.outcome.success).toBe(true);
  });

  it('replays the episode files of a codeact bench output directory, skipping its other JSON', async () => {
    const scripted = new ScriptedModel([modelAnswer('7')]);
    const { trajectory } = await runAgent({
      model: scripted,
      executor: new ScriptedExecutor([]),
      prompt: 'Seven?',
      taskId: 'toy/7',
    });
    await mkdir(join(dir, 'episodes', 'code'), { recursive: true });
    await writeFile(
      join(dir, 'episodes', 'code', 'toy%2F7.json'),
      JSON.stringify({ taskId: 'toy/7', format: 'code', trajectory }),
    );
    await writeFile(join(dir, 'results.json'), JSON.stringify({ summary: {} }));
    const replay = await loadReplayModel(dir);
    expect(replay.taskIds()).toEqual(['toy/7']);
    // The raw reply is replayed (here cut at the stop sequence), so the loop repairs it as it did.
    const [step] = trajectory.steps;
    const replayed = await generateText(replay, { messages: conversation('Seven?', []), taskId: 'toy/7' });
    expect(replayed.text).toBe(step?.reply.raw ?? step?.reply.text);
  });

  it('says what is wrong with a missing path or an empty directory', async () => {
    await expect(loadReplayModel(join(dir, 'nope'))).rejects.toThrow('Cannot read recorded runs at');
    await expect(loadReplayModel(dir)).rejects.toThrow('No recorded runs under');
    await writeFile(join(dir, 'bad.jsonl'), '{"schemaVersion": 1}\n');
    await expect(loadReplayModel(dir)).rejects.toBeInstanceOf(ConfigurationError);
  });
});
