import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiBankInstances, computeCeilings, idealReply } from './api-bank-ceiling.js';
import { actionModes, loadApiBankData } from './api-bank-data.js';
import { ApiBankEpisode, judgeReply } from './api-bank-episode.js';

type ReplayRow = {
  instance_id: string;
  api_name: string;
  gt_param_dict_replay: boolean;
  oracle_correct: Record<(typeof actionModes)[number], boolean>;
  environment_dependent: string | null;
  note: string | null;
};

const reference: ReplayRow[] = readFileSync(new URL('./__fixtures__/reference_replay.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as ReplayRow);
const data = loadApiBankData();

describe('the faithful port', () => {
  it('has the 399 instances of the reference replay, in order', () => {
    expect(data.instances.map((instance) => instance.instanceId)).toEqual(reference.map((row) => row.instance_id));
    expect(new Set(data.instances.map((instance) => instance.apiName)).size).toBe(49);
  });

  it('agrees with the original evaluator on a perfect answer, instance by instance and format by format', () => {
    const disagreements: string[] = [];
    data.instances.forEach((instance, index) => {
      const row = reference[index] as ReplayRow;
      for (const format of actionModes) {
        const verdict = judgeReply({ data, instance, format }, idealReply(instance, format, 'faithful'));
        if (verdict.correct !== row.oracle_correct[format]) {
          disagreements.push(`${format} ${instance.instanceId}: ${verdict.stage} ${verdict.detail}`);
        }
      }
    });
    expect(disagreements).toEqual([]);
  });

  it('agrees with the original evaluator when the annotated param_dict is called directly', () => {
    const disagreements: string[] = [];
    data.instances.forEach((instance, index) => {
      const episode = new ApiBankEpisode({ data, instance, format: 'json_as_action' });
      const outcome = episode.environment.call(instance.apiName, instance.groundTruth.paramDict);
      const correct = outcome.type === 'result' && episode.check(outcome.result).correct;
      if (correct !== reference[index]?.gt_param_dict_replay) disagreements.push(instance.instanceId);
    });
    expect(disagreements).toEqual([]);
  });

  it('reproduces the perfect-answer ceilings: code 338, JSON 367, text 332 of 399', () => {
    const ceilings = computeCeilings(data, 'faithful');
    expect({
      code: ceilings.code_as_action.correct.size,
      json: ceilings.json_as_action.correct.size,
      text: ceilings.text_as_action.correct.size,
      total: ceilings.code_as_action.total,
    }).toEqual({ code: 338, json: 367, text: 332, total: 399 });
  });
});

describe('the fixed mode', () => {
  it('drops the 10 duplicates and wins every instance that needs no live web service, in every format', () => {
    const instances = apiBankInstances(data, 'fixed');
    const offline = instances.filter((instance) => !['Dictionary', 'Translate'].includes(instance.apiName));
    const ceilings = computeCeilings(data, 'fixed');
    for (const format of actionModes) {
      const lost = offline.filter((instance) => !ceilings[format].correct.has(instance.instanceId));
      expect(lost.map((instance) => `${format} ${instance.instanceId}`)).toEqual([]);
    }
    expect({
      code: ceilings.code_as_action.correct.size,
      json: ceilings.json_as_action.correct.size,
      text: ceilings.text_as_action.correct.size,
      total: ceilings.code_as_action.total,
    }).toEqual({ code: 380, json: 380, text: 380, total: 389 });
  });

  it('keeps the live-service instances lost, as offline runs must', () => {
    const instance = data.instances.find((candidate) => candidate.apiName === 'Dictionary');
    if (!instance) throw new Error('no Dictionary instance');
    const verdict = judgeReply(
      { data, instance, format: 'json_as_action', mode: 'fixed' },
      idealReply(instance, 'json_as_action', 'fixed'),
    );
    expect(verdict).toMatchObject({ correct: false, stage: 'checked' });
  });
});
