import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Trajectory } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGzippedLines, recordedMintRunDir } from '../__fixtures__/mint/recorded-mint-files.js';
import { exportDataset } from '../export/export-dataset.js';
import { type ExportFormat, formatConversation } from '../export/export-formats.js';
import { toTrainingConversation } from '../export/to-training-conversation.js';
import { dedup, downsample, originalRule, selfImprovement } from '../filter/filters.js';
import { applyStages } from '../filter/trajectory-stage.js';
import { fromArray, toArray } from '../jsonl/jsonl.js';
import { isSuccessful, trajectorySource, turnCount } from '../trajectory-facts.js';
import { readMintResults } from './read-mint-results.js';

const here = dirname(fileURLToPath(import.meta.url));
const outputs = recordedMintRunDir;
const golden = (name: string) => JSON.parse(readFileSync(join(here, '../__fixtures__/mint', name), 'utf8'));
const goldenFilters = golden('golden-filters.json') as {
  total: number;
  successCount: number;
  originalRule: {
    funnel: { stage: string; in: number; out: number }[];
    perSource: Record<string, number>;
    kept: string[];
  };
  selfImprovement: { count: number; kept: string[] };
};
const goldenExports = golden('golden-exports.json') as Record<
  string,
  { trajectoryId: string } & Record<ExportFormat, unknown>
>;

const trajectories: Trajectory[] = [];
let histories: Map<string, number>;

beforeAll(async () => {
  const files = (await readdir(outputs)).filter((name) => name.endsWith('.results.jsonl.gz')).sort();
  for (const file of files) {
    trajectories.push(
      ...(await toArray(readMintResults(join(outputs, file), { model: 'CodeActAgent-Mistral-7b-v0.1' }))),
    );
  }
  histories = new Map();
  for (const file of files) {
    const source = file.split('.')[0] as string;
    for (const line of readGzippedLines(join(outputs, file))) {
      const record = JSON.parse(line) as { state: { history: unknown[] }; task: { task_id: number | string } };
      histories.set(`${source}/${record.task.task_id}`, record.state.history.length);
    }
  }
});

describe('the recorded CodeActAgent-Mistral MINT runs as trajectories', () => {
  it('converts every run into a valid trajectory with the verbatim history', () => {
    expect(trajectories).toHaveLength(goldenFilters.total);
    for (const trajectory of trajectories) expect(Trajectory.safeParse(trajectory).success).toBe(true);
    expect(trajectories.filter(isSuccessful)).toHaveLength(goldenFilters.successCount);
    const perSource = Object.fromEntries(
      ['alfworld', 'gsm8k', 'hotpotqa', 'humaneval', 'math', 'mbpp', 'mmlu', 'theoremqa'].map((source) => [
        source,
        trajectories.filter((trajectory) => trajectorySource(trajectory) === source).length,
      ]),
    );
    expect(perSource).toEqual({
      alfworld: 134,
      gsm8k: 48,
      hotpotqa: 43,
      humaneval: 45,
      math: 100,
      mbpp: 91,
      mmlu: 76,
      theoremqa: 49,
    });
  });

  it('counts turns as MINT does (len(history) // 2)', () => {
    for (const trajectory of trajectories) {
      expect(turnCount(trajectory)).toBe(Math.floor((histories.get(trajectory.taskId ?? '') ?? 0) / 2));
    }
  });

  it("reads each turn's action with MINT's rule", () => {
    const first = trajectories.find((trajectory) => trajectory.taskId === 'hotpotqa/21');
    expect(first?.steps.map((step) => step.action.type)).toEqual(['code', 'code', 'answer']);
    expect(first?.steps.at(-1)).toMatchObject({ action: { answer: 'American' }, correct: true });
    expect(first?.steps[0]?.observation?.startsWith('Observation:\nPage: The Thing of It Is...')).toBe(true);
  });
});

describe('the original filter on the recorded runs', () => {
  it('reproduces the hand-derived funnel, stage by stage', async () => {
    const { trajectories: kept, funnel } = applyStages(fromArray(trajectories), originalRule());
    const ids = (await toArray(kept)).map((trajectory) => trajectory.taskId);
    expect(funnel).toEqual(goldenFilters.originalRule.funnel);
    expect(ids).toEqual(goldenFilters.originalRule.kept);
  });

  it('keeps the hand-derived set under the stricter self-improvement rule', async () => {
    const kept = await toArray(selfImprovement()(fromArray(trajectories)));
    expect(kept.map((trajectory) => trajectory.taskId)).toEqual(goldenFilters.selfImprovement.kept);
    expect(kept.every((trajectory) => isSuccessful(trajectory) && turnCount(trajectory) >= 2)).toBe(true);
  });

  it('dedups resumed duplicates and down-samples per source, counting both', async () => {
    const doubled = [...trajectories, ...trajectories.slice(0, 10)];
    const { trajectories: kept, funnel } = applyStages(fromArray(doubled), [
      dedup(),
      downsample({ perSource: { alfworld: 20, math: 5, '*': 100 }, seed: 7 }),
    ]);
    const result = await toArray(kept);
    expect(funnel).toEqual([
      { stage: 'dedup(task-model)', in: 596, out: 586 },
      { stage: 'downsample(alfworld=20,math=5,*=100)', in: 586, out: 586 - 134 + 20 - 100 + 5 },
    ]);
    expect(result.filter((trajectory) => trajectorySource(trajectory) === 'math')).toHaveLength(5);
    const again = await toArray(
      downsample({ perSource: { alfworld: 20, math: 5, '*': 100 }, seed: 7 })(fromArray(trajectories)),
    );
    expect(again.map((trajectory) => trajectory.id)).toEqual(result.map((trajectory) => trajectory.id));
  });
});

describe('exports of the kept runs', () => {
  const directory = mkdtempSync(join(tmpdir(), 'codeact-export-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(['hotpotqa', 'alfworld'])('matches the hand-derived %s conversion in all three formats', (source) => {
    const example = goldenExports[source];
    const trajectory = trajectories.find((candidate) => candidate.taskId === example?.trajectoryId);
    expect(trajectory).toBeDefined();
    const conversation = toTrainingConversation(trajectory as Trajectory);
    for (const format of ['codeactinstruct', 'openai', 'sharegpt'] as const) {
      expect(formatConversation(conversation, format)).toEqual(example?.[format]);
    }
  });

  it.each(['codeactinstruct', 'openai', 'sharegpt'] as const)('writes every kept run as %s JSONL', async (format) => {
    const { trajectories: kept } = applyStages(fromArray(trajectories), originalRule());
    const outputPath = join(directory, `codeact.${format}.jsonl`);
    const result = await exportDataset({ trajectories: kept, outputPath, format });
    expect(result).toMatchObject({ format, codeact: 113, general: 0, files: [outputPath] });
    const records = readFileSync(outputPath, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(113);
    for (const record of records) {
      const turns: { role: string; content: string }[] =
        format === 'sharegpt'
          ? record.conversations.map((turn: { from: string; value: string }) => ({
              role: turn.from === 'gpt' ? 'assistant' : 'user',
              content: turn.value,
            }))
          : (format === 'openai' ? record.messages : record.conversations).slice(1);
      if (format === 'sharegpt') expect(record.system).toMatch(/^You are a helpful assistant/);
      else expect((format === 'openai' ? record.messages : record.conversations)[0].role).toBe('system');
      expect(turns[0]?.content.startsWith('Task:\n')).toBe(true);
      expect(turns.at(-1)?.role).toBe('assistant');
      const text = JSON.stringify(record);
      expect(text).not.toContain('<thought>');
      expect(text).not.toContain('Assistant:');
      expect(text).not.toContain('Your thought process should be enclosed');
    }
  });
});
