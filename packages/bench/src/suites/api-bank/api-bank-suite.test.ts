import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelCallOptions } from '@codeact/core';
import { modelResponder, ScriptedModel, type ScriptedStep } from '@codeact/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reporter } from '../../harness/reporter.js';
import { type ResultsJson, runBenchmark } from '../../harness/run-benchmark.js';
import { loadSuite } from '../index.js';
import { idealReply } from './api-bank-ceiling.js';
import { type ActionMode, loadApiBankData } from './api-bank-data.js';
import { createApiCallExecutor } from './api-call-executor.js';
import { runApiBankEpisode } from './run-api-bank-episode.js';

const data = loadApiBankData();
const calculator = 'Calculator-level-1-1.jsonl-0';
const getToday = 'GetToday-level-1-1.jsonl-0';
const addMeeting = 'AddMeeting-level-1-1.jsonl-2';
const silent = 'QueryStock-level-1-1.jsonl-0';
const picked = [calculator, getToday, addMeeting, silent];

/** The format an episode runs in, read from its system prompt. */
function formatOf(call: ModelCallOptions): ActionMode {
  const system = call.messages[0]?.content ?? '';
  if (system.includes('[ApiName(key1=')) return 'code_as_action';
  return system.includes('[Action: ApiName') ? 'text_as_action' : 'json_as_action';
}

/** Replies keyed by instance_id: the perfect call in the episode's format, or a reply without a call. */
function script(mode: 'faithful' | 'fixed'): Map<string, ScriptedStep[]> {
  const tasks = new Map<string, ScriptedStep[]>();
  for (const id of picked) {
    const instance = data.instances.find((candidate) => candidate.instanceId === id);
    if (!instance) throw new Error(`no instance ${id}`);
    const reply = (call: ModelCallOptions) =>
      id === silent ? 'Let me look that up for you.' : `Sure.\n${idealReply(instance, formatOf(call), mode)}`;
    tasks.set(id, [modelResponder(reply), modelResponder(reply), modelResponder(reply)]);
  }
  return tasks;
}

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'api-bank-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function run(mode: 'faithful' | 'fixed', reporter?: Reporter) {
  const model = new ScriptedModel({ modelId: 'gpt-4-0613', tasks: script(mode) });
  const suite = await loadSuite('api-bank');
  const result = await runBenchmark({
    suite,
    model,
    executor: createApiCallExecutor(),
    tasks: picked.join(','),
    concurrency: 2,
    outDir,
    suiteOptions: mode === 'fixed' ? { fixed: true } : {},
    ...(reporter ? { reporter } : {}),
  });
  return { result, model };
}

describe('the api-bank suite', () => {
  it('is registered and lists the 399 instances, or the 389 distinct ones when fixed', async () => {
    const suite = await loadSuite('api-bank');
    expect(suite.name).toBe('api-bank');
    expect(suite.formats).toEqual(['code', 'json', 'text']);
    expect(await suite.listTasks({})).toHaveLength(399);
    expect(await suite.listTasks({ fixed: true })).toHaveLength(389);
  });

  it('runs scripted episodes end to end and writes results, a Table 2 report and a chart', async () => {
    const { result, model } = await run('faithful');
    model.assertComplete();
    expect(result.summary).toEqual({
      code: { success: 2, total: 4, avgTurns: 1 },
      json: { success: 3, total: 4, avgTurns: 1 },
      text: { success: 1, total: 4, avgTurns: 1 },
    });
    const resultsJson = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as ResultsJson;
    expect(resultsJson.summary).toEqual(result.summary);
    expect(resultsJson.tasks[getToday]?.text).toMatchObject({ success: false, endReason: 'unparseable' });
    expect(resultsJson.tasks[addMeeting]?.code).toMatchObject({ success: false, endReason: 'checked' });
    expect(resultsJson.tasks[silent]?.json).toMatchObject({ success: false, endReason: 'no-call' });

    const report = await readFile(join(outDir, 'report.md'), 'utf8');
    expect(report).toContain('| Model | CodeAct | JSON | Text |');
    expect(report).toContain('| gpt-4-0613 (this run) | 50.00 (2/4) | **75.00 (3/4)** | 25.00 (1/4) |');
    expect(report).toContain('| gpt-4-0613 (paper) | 75.44 (301) | **81.95 (327)** | 74.44 (297) |');
    expect(report).toContain('| Perfect answer (offline ceiling) | 84.71 (338) | **91.98 (367)** | 83.21 (332) |');
    expect(report).toContain('| no `[...]` call in the reply | 1 | 1 | 1 |');

    const chart = await readFile(join(outDir, 'chart.svg'), 'utf8');
    expect(chart.startsWith('<svg')).toBe(true);
    for (const label of ['CodeAct', 'JSON', 'Text', 'this run', 'paper', 'ceiling']) expect(chart).toContain(label);
  });

  it('runs code actions as Python calls through the tool bridge', async () => {
    await run('faithful');
    const episode = JSON.parse(await readFile(join(outDir, 'episodes', 'code', `${calculator}.json`), 'utf8')) as {
      trajectory: { steps: { action: { type: string; code?: string }; execution?: { stdout: string } }[] };
    };
    const step = episode.trajectory.steps[0];
    expect(step?.action).toMatchObject({ type: 'code', code: "print(Calculator(formula='(5+6)*3'))" });
    expect(step?.execution?.stdout).toBe('33\n');
  });

  it('resumes: a rerun with the same output directory makes no model call', async () => {
    await run('faithful');
    let skipped = -1;
    const { model } = await run('faithful', {
      onRunStart: (info) => {
        skipped = info.skipped;
      },
    });
    expect(skipped).toBe(12);
    expect(model.calls).toHaveLength(0);
  });

  it('reports the fixed mode separately, with the repaired protocol', async () => {
    const { result } = await run('fixed');
    expect(result.summary).toEqual({
      code: { success: 3, total: 4, avgTurns: 1 },
      json: { success: 3, total: 4, avgTurns: 1 },
      text: { success: 3, total: 4, avgTurns: 1 },
    });
    const report = await readFile(join(outDir, 'report.md'), 'utf8');
    expect(report).toContain('Mode: **fixed**');
    expect(report).not.toContain('(paper)');
    expect(report).toContain('| Perfect answer (offline ceiling) | 97.69 (380) | 97.69 (380) | 97.69 (380) |');
  });
});

describe('the api-bank toolset', () => {
  it('gives the 49 APIs over fresh databases for one instance', async () => {
    const suite = await loadSuite('api-bank');
    const toolset = await suite.toolset?.('Calculator-level-1-1.jsonl-0', {});
    const names = toolset?.tools.map((tool) => tool.name) ?? [];
    expect(names).toHaveLength(49);
    const deleteAccount = toolset?.tools.find((tool) => tool.name === 'DeleteAccount');
    const getUserToken = toolset?.tools.find((tool) => tool.name === 'GetUserToken');
    const context = { abortSignal: new AbortController().signal, sessionId: 'test' };
    expect(await deleteAccount?.execute({ token: 'z9x8c7v6b5n4m3q2w1' }, context)).toEqual({ status: 'success' });
    expect(() => getUserToken?.execute({ username: 'foo', password: 'bar' }, context)).toThrow(
      'The username does not exist.',
    );
    const fresh = await suite.toolset?.('Calculator-level-1-1.jsonl-0', {});
    const freshToken = fresh?.tools.find((tool) => tool.name === 'GetUserToken');
    expect(await freshToken?.execute({ username: 'foo', password: 'bar' }, context)).toEqual({
      token: 'z9x8c7v6b5n4m3q2w1',
    });
  });
});

describe('runApiBankEpisode', () => {
  it('passes the parsed JSON arguments on untouched, so an unknown key fails as upstream', async () => {
    const id = 'AddAgenda-AddAlarm-GetUserToken-level-2-1.jsonl-0';
    const replies = [
      '[{"action": "GetUserToken", "username": "JaneSmith", "password": "password", "__proto__": "x"}]',
      '[{"action": "GetUserToken", "username": "JaneSmith", "password": "password"}]',
    ];
    const model = new ScriptedModel({ tasks: new Map([[id, replies.map((reply) => modelResponder(() => reply))]]) });
    const outcomes = [];
    for (let attempt = 0; attempt < replies.length; attempt++) {
      const result = await runApiBankEpisode({
        task: { id, apiName: 'GetUserToken', fileLevel: 'level-2' },
        format: 'json',
        model,
        executor: async () => createApiCallExecutor(),
        suiteOptions: {},
        abortSignal: new AbortController().signal,
      });
      outcomes.push([result.success, result.endReason, result.trajectory.steps[0]?.observation]);
    }
    expect(outcomes).toEqual([
      [false, 'call-error', 'Error: invalid parameter name. parameter: __proto__'],
      [true, 'correct', "Response: {'token': 'o8i7u6y5t4r3e2w1q0'}"],
    ]);
  });
});
