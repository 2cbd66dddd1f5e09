import { createMemoryTrajectoryStore } from '@codeact/core';
import { modelAnswer, modelCode, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, InterpreterStatus, TurnEnd } from '../server-types.js';
import { createConversation, createTestServer, sendAndWait, type TestServer } from '../test-support/test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.dispose();
});

async function detailOf(server: TestServer, id: string): Promise<ConversationDetail> {
  return (await (await server.call(`/api/conversations/${id}`)).json()) as ConversationDetail;
}

describe('restoring the interpreter after a restart', () => {
  it('re-runs the code actions, in order, before the next turn and marks them; failed ones must fail again', async () => {
    const store = createMemoryTrajectoryStore();
    const first = await createTestServer({
      store,
      models: {
        'script:a': new ScriptedModel([
          modelCode('import math\nx = 3'),
          modelCode('y = undefined_name'),
          modelCode('y = math.sqrt(x)'),
          modelAnswer('done'),
        ]),
      },
      executor: new ScriptedExecutor([
        {},
        { error: { name: 'NameError', message: "name 'undefined_name' is not defined", traceback: 'NameError' } },
        {},
      ]),
    });
    servers.push(first);
    const id = await createConversation(first);
    await sendAndWait(first, id, 'compute');
    await first.close();

    const executor = new ScriptedExecutor((code) => {
      if (code === 'print(y)') return { stdout: '1.7320508075688772\n' };
      if (code === 'y = undefined_name')
        return { error: { name: 'NameError', message: 'again', traceback: 'NameError' } };
      return {};
    });
    const model = new ScriptedModel([modelCode('print(y)'), modelAnswer('1.732')]);
    const second = await createTestServer({ store, workRoot: first.workRoot, models: { 'script:a': model }, executor });
    servers.push(second);

    const before = await detailOf(second, id);
    expect(before.interpreter).toEqual({ state: 'idle', replayed: [], pendingReplay: 3 });
    expect(before.turns).toHaveLength(1);

    const messages = await sendAndWait(second, id, 'print y');
    expect(executor.executed).toEqual(['import math\nx = 3', 'y = undefined_name', 'y = math.sqrt(x)', 'print(y)']);
    const runId = before.turns[0]?.runId as string;
    const statuses = messages
      .filter((message) => message.event === 'interpreter')
      .map((message) => message.data as InterpreterStatus);
    expect(statuses.map((status) => [status.state, status.replayed.length])).toEqual([
      ['restoring', 0],
      ['restoring', 1],
      ['restoring', 2],
      ['restoring', 3],
      ['running', 3],
    ]);
    const after = await detailOf(second, id);
    expect(after.interpreter.replayed).toEqual([
      { runId, step: 0 },
      { runId, step: 1 },
      { runId, step: 2 },
    ]);
    expect(after.interpreter.lost).toBeUndefined();
    expect(model.calls[0]?.messages.at(-1)?.content).toBe('print y');
    expect((messages.at(-1)?.data as TurnEnd | undefined)?.status).toBe('answer');
  });

  it('reports the state lost, and tells the model, when an action had a side effect', async () => {
    const store = createMemoryTrajectoryStore();
    const first = await createTestServer({
      store,
      models: {
        'script:a': new ScriptedModel([
          modelCode('import pandas as pd'),
          modelCode("with open('log.txt', 'a') as f:\n    f.write('run\\n')"),
          modelCode('total = 1'),
          modelAnswer('logged'),
        ]),
      },
      executor: new ScriptedExecutor([{}, {}, {}]),
    });
    servers.push(first);
    const id = await createConversation(first);
    await sendAndWait(first, id, 'log it');
    await first.close();

    const executor = new ScriptedExecutor(() => ({}));
    const model = new ScriptedModel([modelAnswer('ok')]);
    const second = await createTestServer({ store, workRoot: first.workRoot, models: { 'script:a': model }, executor });
    servers.push(second);
    await sendAndWait(second, id, 'and now?');

    expect(executor.executed).toEqual(['import pandas as pd']);
    const detail = await detailOf(second, id);
    const runId = detail.turns[0]?.runId;
    expect(detail.interpreter.lost).toEqual({
      reason: 'an earlier action appends to a file, so it was not re-run',
      at: { runId, step: 1 },
    });
    const prompt = model.calls[0]?.messages.at(-1)?.content ?? '';
    expect(prompt).toMatch(/^\[Note: the Python interpreter was restarted\. 1 earlier code action was re-run/);
    expect(prompt).toContain('appends to a file');
    expect(prompt.endsWith('and now?')).toBe(true);
    expect(detail.turns[1]?.prompt).toBe('and now?');
  });

  it('reports the state lost when a re-run action goes differently this time', async () => {
    const store = createMemoryTrajectoryStore();
    const first = await createTestServer({
      store,
      models: { 'script:a': new ScriptedModel([modelCode("df = pd.read_csv('gone.csv')"), modelAnswer('read')]) },
      executor: new ScriptedExecutor([{}]),
    });
    servers.push(first);
    const id = await createConversation(first);
    await sendAndWait(first, id, 'read');
    await first.close();

    const executor = new ScriptedExecutor(() => ({
      error: { name: 'FileNotFoundError', message: 'gone.csv', traceback: 'FileNotFoundError: gone.csv' },
    }));
    const second = await createTestServer({
      store,
      workRoot: first.workRoot,
      models: { 'script:a': new ScriptedModel([modelAnswer('ok')]) },
      executor,
    });
    servers.push(second);
    await sendAndWait(second, id, 'again');
    const detail = await detailOf(second, id);
    expect(detail.interpreter.replayed).toEqual([]);
    expect(detail.interpreter.lost?.reason).toBe(
      're-running an earlier action went differently this time (FileNotFoundError: gone.csv)',
    );
  });

  it('loading a conversation never runs its code', async () => {
    const store = createMemoryTrajectoryStore();
    const first = await createTestServer({
      store,
      models: { 'script:a': new ScriptedModel([modelCode('x = 1'), modelAnswer('1')]) },
      executor: new ScriptedExecutor([{}]),
    });
    servers.push(first);
    const id = await createConversation(first);
    await sendAndWait(first, id, 'x');
    await first.close();
    const executor = new ScriptedExecutor(() => ({}));
    const second = await createTestServer({
      store,
      workRoot: first.workRoot,
      models: { 'script:a': new ScriptedModel([]) },
      executor,
    });
    servers.push(second);
    await detailOf(second, id);
    await second.call(`/api/conversations/${id}/export.ipynb`);
    expect(executor.executed).toEqual([]);
    expect(executor.sessions).toEqual([]);
  });
});
