import { type AgentEvent, runAgent, streamAgent } from '@codeact/core';
import { ScriptedExecutor } from '@codeact/core/testing';
import { resolveModel } from '@codeact/models';
import { describe, expect, it } from 'vitest';
import { testModelSettings, useTinyModels } from './__fixtures__/tiny-models.js';
import { localModelProvider } from './local-model-provider.js';

const models = useTinyModels();
const { runtime, threads, contextSize } = testModelSettings;
const providers = { local: localModelProvider({ runtime, threads, contextSize, download: { offline: true } }) };
const deterministic = {
  generateId: (() => {
    let id = 0;
    return () => `id-${++id}`;
  })(),
  now: () => new Date(0),
};

describe('a CodeAct episode with a local model', () => {
  it('runs the random model to an answer, every reply one valid action thanks to the grammar', async () => {
    const model = await resolveModel(`local:${models.random}?temperature=1&seed=4&max-tokens=96`, {
      providers,
      env: {},
    });
    const executor = new ScriptedExecutor(() => ({ stdout: 'ok\n' }));
    const result = await runAgent({ model, executor, prompt: 'What is 6 * 7?', maxTurns: 10, ...deterministic });

    const actions = result.trajectory.steps.map((step) => step.action.type);
    expect(result.status).toBe('answer');
    expect(actions.at(-1)).toBe('answer');
    expect(actions.every((type) => type === 'code' || type === 'answer')).toBe(true);
    expect(executor.executed).toEqual(
      result.trajectory.steps.flatMap((step) => (step.action.type === 'code' ? [step.action.code] : [])),
    );
    expect(model.provider).toBe('local');
    expect(result.trajectory.steps.every((step) => (step.reply.usage?.outputTokens ?? 0) > 0)).toBe(true);
  });

  it('streams the scripted model’s code action and runs it', async () => {
    const model = await resolveModel(`local:${models.scripted}`, { providers, env: {} });
    const executor = new ScriptedExecutor([{ stdout: '42\n' }]);
    const stream = streamAgent({ model, executor, prompt: 'What is 6 * 7?', maxTurns: 1, ...deterministic });
    const events: AgentEvent[] = [];
    for await (const event of stream) events.push(event);
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    // The stop sequence ends the reply and is left out, as with hosted models; the parser closes the tag.
    expect(text).toBe('<execute>print(6 * 7)');
    expect((await stream.result).trajectory.steps[0]?.reply.text).toBe('<execute>print(6 * 7)</execute>');
    expect(executor.executed).toEqual(['print(6 * 7)']);
    expect(events.find((event) => event.type === 'execution-end')).toMatchObject({ execution: { stdout: '42\n' } });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'max-turns' });
  });
});
