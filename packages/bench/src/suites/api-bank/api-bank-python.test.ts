import type { Executor } from '@codeact/core';
import { modelText, ScriptedModel } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idealReply } from './api-bank-ceiling.js';
import { loadApiBankData } from './api-bank-data.js';
import { runApiBankEpisode } from './run-api-bank-episode.js';

const data = loadApiBankData();
let executor: Executor;

beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor?.dispose();
});

async function runCode(id: string, reply?: string) {
  const instance = data.instances.find((candidate) => candidate.instanceId === id);
  if (!instance) throw new Error(`no instance ${id}`);
  const model = new ScriptedModel({
    tasks: new Map([[id, [modelText(reply ?? idealReply(instance, 'code_as_action', 'faithful'))]]]),
  });
  return runApiBankEpisode({
    task: { id, apiName: instance.apiName, fileLevel: instance.fileLevel },
    format: 'code',
    model,
    executor: async () => executor,
    suiteOptions: {},
    abortSignal: new AbortController().signal,
  });
}

describe('code actions in CPython', () => {
  it('call the TypeScript APIs through the tool bridge and are scored like upstream', async () => {
    const calculator = await runCode('Calculator-level-1-1.jsonl-0');
    expect(calculator).toMatchObject({ success: true, endReason: 'correct' });
    expect(calculator.trajectory.steps[0]?.execution?.stdout).toBe('33\n');
    const email = await runCode('SendEmail-level-1-1.jsonl-0');
    expect(email.success).toBe(true);
    const meeting = await runCode('AddMeeting-level-1-1.jsonl-2');
    expect(meeting).toMatchObject({ success: false, endReason: 'checked' });
  });

  it('reject an unknown argument in the Python signature, so the call never reaches the API', async () => {
    const result = await runCode(
      'AddAgenda-AddAlarm-GetUserToken-level-2-1.jsonl-0',
      "[GetUserToken(user='JaneSmith', password='password')]",
    );
    expect(result).toMatchObject({ success: false, endReason: 'call-error' });
    expect(result.trajectory.steps[0]?.execution?.error?.name).toBe('TypeError');
  });
});
