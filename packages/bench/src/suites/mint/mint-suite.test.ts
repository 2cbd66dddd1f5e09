import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor } from '@codeact/core';
import { modelText, ScriptedModel } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { humanevalFamily } from '@codeact/mint';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../harness/run-benchmark.js';
import { loadSuite } from '../index.js';
import { createMintSuite, mintSettings } from './mint-suite.js';

let outDir: string;
let executor: Executor;

beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor.dispose();
});
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'codeact-mint-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the mint suite', () => {
  it('is registered as codeact bench mint and lists the 452 tasks of seven families', async () => {
    const suite = await loadSuite('mint');
    expect(suite.name).toBe('mint');
    expect(suite.formats).toEqual(['code']);
    const tasks = await suite.listTasks({});
    expect(tasks).toHaveLength(452);
    expect(new Set(tasks.map((task) => task.family))).toEqual(
      new Set(['gsm8k', 'math', 'hotpotqa', 'mmlu', 'theoremqa', 'humaneval', 'mbpp']),
    );
    expect(tasks[0]?.id).toBe('math/0');
    const toolset = await suite.toolset?.('hotpotqa/0', {});
    expect(toolset?.tools.map((tool) => tool.name)).toEqual(['wikipedia_search']);
  });

  it('reads --k and --fixed from the suite options', () => {
    expect(mintSettings({})).toEqual({
      k: 5,
      rule: 'recorded',
      emptySystemMessage: false,
      observations: 'interpreter',
    });
    expect(mintSettings({ k: '3', fixed: true })).toMatchObject({ k: 3, rule: 'current' });
    expect(() => mintSettings({ k: 0 })).toThrow("MINT's --k must be a positive integer");
  });

  it('runs episodes through the harness, summarises by family and writes the Table 5 report', async () => {
    const [humaneval] = await humanevalFamily.loadTasks();
    const solution = `${humaneval?.prompt}\n${String(humaneval?.fields.canonical_solution)}`;
    const model = new ScriptedModel({
      modelId: 'scripted',
      tasks: new Map([
        [
          'gsm8k/0',
          [modelText('<execute> print(12 / 2) </execute>'), modelText('The answer is <solution> 6 </solution>.')],
        ],
        ['gsm8k/1', [modelText('<solution> 20 </solution>'), modelText('<solution> 10 </solution>')]],
        ['humaneval/0', [modelText(`<solution>\n${solution}\n</solution>`)]],
      ]),
    });
    const run = await runBenchmark({
      suite: createMintSuite(),
      model,
      executor,
      tasks: 'gsm8k/0,gsm8k/1,humaneval/0',
      outDir,
      suiteOptions: { k: 5 },
    });
    model.assertComplete();
    expect(run.errors).toEqual([]);
    const results = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
    expect(Object.keys(results.summary)).toEqual([
      'math',
      'hotpotqa',
      'gsm8k',
      'mmlu',
      'theoremqa',
      'humaneval',
      'mbpp',
    ]);
    expect(results.summary.gsm8k).toMatchObject({ success: 1, total: 2 });
    expect(results.summary.humaneval).toMatchObject({ success: 1, total: 1 });
    expect(results.summary.math).toMatchObject({ success: 0, total: 0 });
    expect(results.tasks['gsm8k/1'].code).toMatchObject({
      success: false,
      endReason: 'max_propose_steps',
      family: 'gsm8k',
    });
    expect(results.tasks['gsm8k/0'].code.actionCount).toEqual({ propose_solution: 1, use_tool: 1, invalid_action: 0 });

    const report = await readFile(join(outDir, 'report.md'), 'utf8');
    expect(report).toContain('| Model | MINT (ID) | MINT (OD) |');
    expect(report).toContain('| **scripted** (ID without ALFWorld) | **–** (0/0) | **66.7** (2/3) |');
    expect(report).toContain('| CodeActAgent (Mistral, 7B) (paper) | 57.4 | 32.4 |');
    expect(report).toContain('| gsm8k | OD | 1/2 | 50.0 |');
    expect(await readFile(join(outDir, 'chart.svg'), 'utf8')).toMatch(/^<svg[\s\S]*gsm8k[\s\S]*<\/svg>\s*$/);

    const resumed = await runBenchmark({
      suite: createMintSuite(),
      model: new ScriptedModel({ modelId: 'scripted' }),
      executor,
      tasks: 'gsm8k/0,gsm8k/1,humaneval/0',
      outDir,
      suiteOptions: { k: 5 },
    });
    expect(resumed.summary.gsm8k).toMatchObject({ success: 1, total: 2 });
  });
});
