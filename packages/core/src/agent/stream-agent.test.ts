import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { ModelCallError } from '../errors/model-call-error.js';
import { ScriptExhaustedError } from '../errors/script-exhausted-error.js';
import { ScriptedExecutor } from '../testing/scripted-executor.js';
import {
  modelAnswer,
  modelCode,
  modelError,
  modelResponder,
  modelText,
  ScriptedModel,
} from '../testing/scripted-model.js';
import { parseTrajectory, stringifyTrajectory } from '../trajectory/trajectory-jsonl.js';
import type { AgentEvent } from './agent-event.js';
import { runAgent } from './run-agent.js';
import { streamAgent } from './stream-agent.js';

let counter = 0;
const deterministic = {
  generateId: () => `id-${++counter}`,
  now: () => new Date('2026-01-01T00:00:00Z'),
};

const traceback = (name: string, message: string) => ({
  name,
  message,
  traceback: `Traceback (most recent call last):\n  File "<cell>", line 1\n${name}: ${message}\n`,
});

describe('streamAgent', () => {
  it("emits the running action's output between execution-start and execution-end", async () => {
    const model = new ScriptedModel([modelCode('print("hi")'), modelAnswer('hi')]);
    const executor = new ScriptedExecutor([{ stdout: 'hi\n', stderr: 'warn\n' }]);
    const events: AgentEvent[] = [];
    const stream = streamAgent({ model, executor, prompt: 'Say hi.', ...deterministic });
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type).filter((type) => type.startsWith('execution-'));
    expect(types).toEqual(['execution-start', 'execution-output', 'execution-output', 'execution-end']);
    expect(events.filter((event) => event.type === 'execution-output')).toEqual([
      { type: 'execution-output', runId: expect.any(String), step: 0, stream: 'stdout', text: 'hi\n' },
      { type: 'execution-output', runId: expect.any(String), step: 0, stream: 'stderr', text: 'warn\n' },
    ]);
  });

  it('feeds the traceback back and lets the model fix its code (self-debugging)', async () => {
    const model = new ScriptedModel([
      modelCode('import pandas as pd\ndf = pd.read_csv("data.csv")\nprint(df.colum)', 'Load the data.'),
      modelCode('print(list(df.columns))', 'Fix the attribute name.'),
      modelAnswer('a, b'),
    ]);
    const executor = new ScriptedExecutor([
      { error: traceback('AttributeError', "'DataFrame' object has no attribute 'colum'") },
      { stdout: "['a', 'b']\n" },
    ]);
    const result = await runAgent({ model, executor, prompt: 'Which columns?', ...deterministic });

    expect(result.status).toBe('answer');
    expect(result.answer).toBe('a, b');
    expect(executor.executed).toEqual([
      'import pandas as pd\ndf = pd.read_csv("data.csv")\nprint(df.colum)',
      'print(list(df.columns))',
    ]);
    expect(model.calls[1]?.messages.at(-1)).toEqual({
      role: 'user',
      content:
        "Observation:\nTraceback (most recent call last):\n  File \"<cell>\", line 1\nAttributeError: 'DataFrame' object has no attribute 'colum'",
    });
    expect(result.trajectory.steps.map((step) => step.action.type)).toEqual(['code', 'code', 'answer']);
    expect(executor.sessions).toHaveLength(1);
    expect(executor.sessions[0]?.closed).toBe(true);
    model.assertComplete();
  });

  it('streams events in order with one run-end carrying the trajectory', async () => {
    const model = new ScriptedModel([modelCode('print(1)'), modelAnswer('1')]);
    const stream = streamAgent({
      model,
      executor: new ScriptedExecutor([{ stdout: '1\n' }]),
      prompt: 'p',
      ...deterministic,
    });
    const types: string[] = [];
    let text = '';
    let last: AgentEvent | undefined;
    for await (const event of stream) {
      if (event.type === 'text-delta') text += event.text;
      else types.push(event.type);
      last = event;
    }
    expect(types).toEqual([
      'run-start',
      'user-message',
      'step-start',
      'reply-end',
      'action',
      'execution-start',
      'execution-output',
      'execution-end',
      'observation',
      'step-end',
      'step-start',
      'reply-end',
      'action',
      'step-end',
      'run-end',
    ]);
    expect(text).toBe('<execute>\nprint(1)\n<solution>1');
    expect(last).toMatchObject({ type: 'run-end', status: 'answer', answer: '1' });
    expect((await stream.result).trajectory).toEqual(last?.type === 'run-end' ? last.trajectory : undefined);
  });

  it('sends the system prompt, stop sequences and settings to the model', async () => {
    const model = new ScriptedModel([modelAnswer('ok')]);
    await runAgent({
      model,
      executor: new ScriptedExecutor([]),
      prompt: 'task',
      temperature: 0,
      maxOutputTokens: 512,
      ...deterministic,
    });
    const call = model.lastCall;
    expect(call?.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(call?.messages[0]?.content).toContain('<execute>');
    expect(call?.stopSequences).toEqual(['</execute>', '</solution>', '\nObservation:']);
    expect(call?.temperature).toBe(0);
    expect(call?.maxOutputTokens).toBe(512);
  });

  it('cuts a reply that runs past its closing tag even when the model ignores stop sequences', async () => {
    const model = new ScriptedModel({
      steps: [modelText('<execute>print(5)</execute>\nObservation:\n5\n<solution>5</solution>'), modelAnswer('5')],
      ignoreStopSequences: true,
    });
    const result = await runAgent({ model, executor: new ScriptedExecutor([{ stdout: '5\n' }]), prompt: 'p' });
    expect(result.trajectory.steps[0]?.reply.text).toBe('<execute>print(5)</execute>');
    expect(result.messages[2]).toEqual({ role: 'assistant', content: '<execute>print(5)</execute>' });
  });

  it('gives corrective feedback in task mode when a reply has no action', async () => {
    const model = new ScriptedModel([modelText('I think it is 4.'), modelAnswer('4')]);
    const result = await runAgent({ model, executor: new ScriptedExecutor([]), prompt: '2+2?' });
    expect(result.status).toBe('answer');
    expect(model.calls[1]?.messages.at(-1)?.content).toContain('<solution>');
  });

  it('ends a chat turn on a plain message and continues the conversation in the same session', async () => {
    const model = new ScriptedModel([
      modelCode('data = [3, 1, 2]'),
      modelText('I loaded the data. Sort ascending or descending?'),
      modelCode('print(sorted(data))'),
      modelAnswer('[1, 2, 3]'),
    ]);
    const executor = new ScriptedExecutor([{}, { stdout: '[1, 2, 3]\n' }]);
    const session = await executor.createSession();
    const first = await runAgent({ model, session, prompt: 'Load data', mode: 'chat', ...deterministic });
    expect(first.status).toBe('message');
    expect(first.answer).toBe('I loaded the data. Sort ascending or descending?');
    const second = await runAgent({ model, session, messages: first.messages, prompt: 'Ascending', mode: 'chat' });
    expect(second.status).toBe('answer');
    expect(model.calls[2]?.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(executor.sessions).toHaveLength(1);
    expect(executor.sessions[0]?.closed).toBe(false);
  });

  it('redirects once and then ends a run stuck on the same failing action', async () => {
    const code = 'print(undefined_name)';
    const model = new ScriptedModel(Array.from({ length: 6 }, () => modelCode(code)));
    const executor = new ScriptedExecutor(() => ({
      error: traceback('NameError', "name 'undefined_name' is not defined"),
    }));
    const result = await runAgent({ model, executor, prompt: 'p', maxTurns: 10 });
    expect(result.status).toBe('stuck');
    expect(executor.executed).toHaveLength(4);
    expect(model.calls[3]?.messages.at(-1)?.content).toContain('same error several times');
  });

  it('ends after too many invalid replies in a row', async () => {
    const model = new ScriptedModel([modelText(''), modelText('<execute></execute>'), modelText('  ')]);
    const result = await runAgent({ model, executor: new ScriptedExecutor([]), prompt: 'p' });
    expect(result.status).toBe('stuck');
    expect(result.reason).toContain('3 invalid replies in a row');
  });

  it('stops at the turn budget without feeding a last observation', async () => {
    const model = new ScriptedModel([modelCode('a = 1'), modelCode('b = 2')]);
    const result = await runAgent({ model, executor: new ScriptedExecutor([{}, {}]), prompt: 'p', maxTurns: 2 });
    expect(result.status).toBe('max-turns');
    expect(result.messages.at(-1)?.role).toBe('assistant');
    expect(result.trajectory.steps).toHaveLength(2);
  });

  it('asks the checker about answers and feeds its feedback back', async () => {
    const model = new ScriptedModel([modelAnswer('3'), modelAnswer('4')]);
    const result = await runAgent({
      model,
      executor: new ScriptedExecutor([]),
      prompt: '2+2?',
      checkAnswer: (answer) => (answer === '4' ? { correct: true } : { correct: false, feedback: 'Wrong, try again.' }),
    });
    expect(result.status).toBe('answer');
    expect(result.trajectory.steps.map((s) => s.correct)).toEqual([false, true]);
    expect(model.calls[1]?.messages.at(-1)?.content).toBe('Wrong, try again.');
  });

  it('reports a model failure as an error status and a thrown error carrying the trajectory', async () => {
    const failure = new ModelCallError({ message: 'Unauthorized: set OPENAI_API_KEY', statusCode: 401 });
    const model = new ScriptedModel([modelCode('x = 1'), modelError(failure)]);
    const stream = streamAgent({ model, executor: new ScriptedExecutor([{}]), prompt: 'p' });
    const events: AgentEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'error', error: { code: 'MODEL_CALL' } });
    await expect(stream.result).rejects.toBe(failure);
    expect((failure.trajectory as { steps: unknown[] }).steps).toHaveLength(1);
  });

  it('names the task when a scripted model runs out of replies', async () => {
    const model = new ScriptedModel({ tasks: new Map([['t1', [modelCode('x = 1')]]]) });
    await expect(
      runAgent({ model, executor: new ScriptedExecutor([{}]), prompt: 'p', taskId: 't1' }),
    ).rejects.toBeInstanceOf(ScriptExhaustedError);
  });

  it('ends as aborted when the caller aborts', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel([
      modelResponder(() => {
        controller.abort();
        return '<execute>x = 1</execute>';
      }),
    ]);
    const result = await runAgent({
      model,
      executor: new ScriptedExecutor([{}]),
      prompt: 'p',
      abortSignal: controller.signal,
    });
    expect(result.status).toBe('aborted');
  });

  it('ends at the time limit', async () => {
    const model = new ScriptedModel([
      modelResponder(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return '<execute>x = 1</execute>';
      }),
    ]);
    const result = await runAgent({ model, executor: new ScriptedExecutor([{}]), prompt: 'p', timeLimitMs: 10 });
    expect(result.status).toBe('time-limit');
  });

  it('refuses to start without an executor or a prompt', () => {
    const model = new ScriptedModel([]);
    expect(() => streamAgent({ model, prompt: 'p' })).toThrow(ConfigurationError);
    expect(() => streamAgent({ model, executor: new ScriptedExecutor([]) })).toThrow(/prompt/);
  });

  it('reports the trajectory so far after every step that does not end the run', async () => {
    const model = new ScriptedModel([modelCode('a = 1'), modelCode('b = 2'), modelAnswer('3')]);
    const saved: { status: string; steps: number }[] = [];
    await runAgent({
      model,
      executor: new ScriptedExecutor([{}, {}]),
      prompt: 'p',
      onStepEnd: (trajectory) => {
        saved.push({ status: trajectory.outcome.status, steps: trajectory.steps.length });
      },
    });
    expect(saved).toEqual([
      { status: 'running', steps: 1 },
      { status: 'running', steps: 2 },
    ]);
  });

  it('records a trajectory that round-trips through JSONL', async () => {
    const model = new ScriptedModel([modelCode('print(2)'), modelAnswer('2')]);
    const result = await runAgent({
      model,
      executor: new ScriptedExecutor([{ stdout: '2\n' }]),
      prompt: 'p',
      taskId: 'task-1',
      ...deterministic,
    });
    const parsed = parseTrajectory(stringifyTrajectory(result.trajectory));
    expect(parsed.success).toBe(true);
    expect(parsed.value?.taskId).toBe('task-1');
    expect(parsed.value?.steps[0]?.execution?.stdout).toBe('2\n');
    expect(parsed.value?.usage.outputTokens).toBeGreaterThan(0);
    expect(parseTrajectory('{"schemaVersion": 99}').success).toBe(false);
    expect(parseTrajectory('nope').error).toMatch(/^not JSON/);
  });
});
