import { AgentEvent } from '@codeact/core';
import {
  modelAnswer,
  modelCode,
  modelResponder,
  modelText,
  ScriptedExecutor,
  ScriptedModel,
} from '@codeact/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationSummary, TurnEnd } from './server-types.js';
import {
  createConversation,
  createTestServer,
  otherToken,
  readSse,
  sendAndWait,
  type TestServer,
  token,
} from './test-support/test-server.js';

const traceback = (name: string, message: string) => ({
  name,
  message,
  traceback: `Traceback (most recent call last):\n  File "<cell>", line 1\n${name}: ${message}`,
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

async function detailOf(target: TestServer, id: string, tokenValue = token): Promise<ConversationDetail> {
  const response = await target.call(`/api/conversations/${id}`, { token: tokenValue });
  expect(response.status).toBe(200);
  return (await response.json()) as ConversationDetail;
}

describe('createServer: conversations', () => {
  it('creates, lists, renames, and deletes conversations with the offered models and interpreters', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]), 'script:b': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    const models = await (await server.call('/api/models')).json();
    expect(models).toEqual({
      models: [
        { id: 'script:a', label: 'script:a' },
        { id: 'script:b', label: 'script:b' },
      ],
      defaultModel: 'script:a',
    });
    const interpreters = await (await server.call('/api/interpreters')).json();
    expect(interpreters).toEqual({
      interpreters: [{ id: 'scripted', label: 'scripted', available: true, description: 'scripted (runs no code)' }],
      defaultInterpreter: 'scripted',
    });
    const id = await createConversation(server, { title: 'First' });
    const badModel = await server.call('/api/conversations', { method: 'POST', body: { model: 'openai:gpt-4o' } });
    expect(badModel.status).toBe(400);
    const badInterpreter = await server.call('/api/conversations', { method: 'POST', body: { interpreter: 'docker' } });
    expect(badInterpreter.status).toBe(400);
    const patched = await server.call(`/api/conversations/${id}`, {
      method: 'PATCH',
      body: { title: 'Renamed', model: 'script:b' },
    });
    expect(patched.status).toBe(200);
    const list = (await (await server.call('/api/conversations')).json()) as { conversations: ConversationSummary[] };
    expect(
      list.conversations.map(({ id: listed, title, model, interpreter }) => ({ listed, title, model, interpreter })),
    ).toEqual([{ listed: id, title: 'Renamed', model: 'script:b', interpreter: 'scripted' }]);
    expect((await server.call(`/api/conversations/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await server.call(`/api/conversations/${id}`)).status).toBe(404);
    expect((await server.call('/api/conversations/..%2F..%2Fetc')).status).toBe(404);
  });

  it("hides one user's conversations from another on every route", async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([modelText('hi')]) },
      executor: new ScriptedExecutor([]),
    });
    const id = await createConversation(server);
    const paths: [string, string, unknown?][] = [
      ['GET', `/api/conversations/${id}`],
      ['PATCH', `/api/conversations/${id}`, { title: 'mine now' }],
      ['POST', `/api/conversations/${id}/messages`, { text: 'hello' }],
      ['POST', `/api/conversations/${id}/stop`],
      ['GET', `/api/conversations/${id}/events`],
      ['GET', `/api/conversations/${id}/files`],
      ['POST', `/api/conversations/${id}/files?name=x.csv`, 'a,b\n'],
      ['GET', `/api/conversations/${id}/files/x.csv`],
      ['GET', `/api/conversations/${id}/export.ipynb`],
      ['GET', `/api/conversations/${id}/export.jsonl`],
      ['DELETE', `/api/conversations/${id}`],
    ];
    for (const [method, path, body] of paths) {
      const headers: Record<string, string> =
        typeof body === 'string' ? { 'content-type': 'application/octet-stream' } : {};
      const response = await server.call(path, { method, body, token: otherToken, headers });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
    const bobs = (await (await server.call('/api/conversations', { token: otherToken })).json()) as {
      conversations: unknown[];
    };
    expect(bobs.conversations).toEqual([]);
    expect((await server.call(`/api/conversations/${id}`)).status).toBe(200);
  });

  it('streams the turn as AgentEvents (union unchanged), self-debugging included, and stores it', async () => {
    const model = new ScriptedModel([
      modelCode('import pandas as pd\ndf = pd.read_csv("data.csv")\nprint(df.colum)', 'Load the data.'),
      modelCode('print(list(df.columns))', 'Fix the attribute name.'),
      modelAnswer('The columns are a and b.'),
    ]);
    const executor = new ScriptedExecutor([
      { error: traceback('AttributeError', "'DataFrame' object has no attribute 'colum'") },
      { stdout: "['a', 'b']\n" },
    ]);
    server = await createTestServer({ models: { 'script:a': model }, executor });
    const id = await createConversation(server);
    const messages = await sendAndWait(server, id, 'Which columns does data.csv have?');

    expect(messages[0]?.event).toBe('hello');
    expect(messages[1]?.event).toBe('turn-start');
    const agentEvents = messages.filter((message) => message.event === 'agent').map((message) => message.data);
    for (const event of agentEvents) expect(AgentEvent.safeParse(event).success).toBe(true);
    const types = agentEvents.map((event) => (event as AgentEvent).type).filter((type) => type !== 'text-delta');
    expect(types).toEqual([
      'run-start',
      'user-message',
      'step-start',
      'reply-end',
      'action',
      'execution-start',
      'execution-end',
      'observation',
      'step-end',
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
    const ids = messages.slice(1).map((message) => Number(message.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const end = messages.at(-1)?.data as TurnEnd;
    expect(end.status).toBe('answer');
    expect(end.usage.inputTokens).toBeGreaterThan(0);

    const detail = await detailOf(server, id);
    expect(detail.conversation.title).toBe('Which columns does data.csv have?');
    expect(detail.conversation.totals.turns).toBe(1);
    expect(detail.conversation.totals.usage).toEqual(end.usage);
    expect(detail.activeTurn).toBeNull();
    expect(detail.turns).toHaveLength(1);
    expect(detail.turns[0]?.prompt).toBe('Which columns does data.csv have?');
    expect(detail.turns[0]?.trajectory.steps.map((step) => step.execution?.error?.name ?? step.action.type)).toEqual([
      'AttributeError',
      'code',
      'answer',
    ]);
    expect(detail.turns[0]?.trajectory).not.toHaveProperty('messages');
    expect(detail.interpreter.state).toBe('running');
    const stored = await server.store.listMessages(id);
    expect(stored.map((message) => message.metadata?.kind)).toEqual([
      'system',
      'prompt',
      'reply',
      'observation',
      'reply',
      'observation',
      'reply',
    ]);
    model.assertComplete();
  });

  it('continues the conversation in the same interpreter session with the earlier messages', async () => {
    const model = new ScriptedModel([
      modelCode('x = 21'),
      modelText('Set x.'),
      modelCode('print(x * 2)'),
      modelAnswer('42'),
    ]);
    const executor = new ScriptedExecutor([{}, { stdout: '42\n' }]);
    server = await createTestServer({ models: { 'script:a': model }, executor });
    const id = await createConversation(server);
    await sendAndWait(server, id, 'Set x to 21.');
    const second = await sendAndWait(server, id, 'Double it.');
    expect((second.at(-1)?.data as TurnEnd | undefined)?.status).toBe('answer');
    expect(executor.sessions).toHaveLength(1);
    const thirdCall = model.calls[2];
    expect(thirdCall?.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(thirdCall?.messages.at(-1)?.content).toBe('Double it.');
    expect((await detailOf(server, id)).turns.map((turn) => turn.trajectory.outcome.status)).toEqual([
      'message',
      'answer',
    ]);
  });

  it('stops a running turn and refuses a second message while one runs', async () => {
    const model = new ScriptedModel([
      modelResponder(
        (call) =>
          new Promise((_, reject) => {
            call.abortSignal?.addEventListener('abort', () => reject(call.abortSignal?.reason));
          }),
      ),
    ]);
    server = await createTestServer({ models: { 'script:a': model }, executor: new ScriptedExecutor([]) });
    const id = await createConversation(server);
    const posted = await server.call(`/api/conversations/${id}/messages`, {
      method: 'POST',
      body: { text: 'think forever' },
    });
    expect(posted.status).toBe(202);
    const busy = await server.call(`/api/conversations/${id}/messages`, { method: 'POST', body: { text: 'again' } });
    expect(busy.status).toBe(409);
    const events = server
      .call(`/api/conversations/${id}/events?follow=turn`)
      .then((response) => readSse(response, (message) => message.event === 'turn-end'));
    const stop = await server.call(`/api/conversations/${id}/stop`, { method: 'POST' });
    expect(await stop.json()).toEqual({ stopped: true });
    const end = (await events).at(-1)?.data as TurnEnd;
    expect(end.status).toBe('aborted');
    expect(await (await server.call(`/api/conversations/${id}/stop`, { method: 'POST' })).json()).toEqual({
      stopped: false,
    });
    expect((await detailOf(server, id)).turns[0]?.trajectory.outcome.status).toBe('aborted');
  });

  it('reports the provider cost per turn and in the totals', async () => {
    const inner = new ScriptedModel([modelText('Hello!')]);
    const costly = {
      specificationVersion: 'v1' as const,
      provider: 'priced',
      modelId: 'm',
      async *doStream(options: Parameters<ScriptedModel['doStream']>[0]) {
        for await (const part of inner.doStream(options))
          yield part.type === 'finish' ? { ...part, costUsd: 0.0125 } : part;
      },
    };
    server = await createTestServer({ models: { 'priced:m': costly }, executor: new ScriptedExecutor([]) });
    const id = await createConversation(server);
    const end = (await sendAndWait(server, id, 'hi')).at(-1)?.data as TurnEnd;
    expect(end.costUsd).toBe(0.0125);
    const detail = await detailOf(server, id);
    expect(detail.conversation.totals.costUsd).toBe(0.0125);
    expect(detail.turns[0]?.costUsd).toBe(0.0125);
    const finished = server.records.find((record) => record.msg === 'turn finished');
    expect(finished).toMatchObject({ level: 'info', status: 'message', costUsd: 0.0125, conversationId: id });
  });

  it('rate-limits messages per user with Retry-After', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([modelText('one')]) },
      executor: new ScriptedExecutor([]),
      limits: { messageBurst: 1, messagesPerMinute: 1 },
    });
    const id = await createConversation(server);
    await sendAndWait(server, id, 'first');
    const limited = await server.call(`/api/conversations/${id}/messages`, {
      method: 'POST',
      body: { text: 'second' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('never hands the access token to the model, the sandbox or the logs', async () => {
    const model = new ScriptedModel([modelCode('import os\nprint(os.environ)'), modelAnswer('done')]);
    const executor = new ScriptedExecutor([{ stdout: "environ({'PATH': '/usr/bin'})\n" }]);
    server = await createTestServer({ models: { 'script:a': model }, executor });
    const id = await createConversation(server);
    await sendAndWait(server, id, `my token is ${token}`.replace(token, 'hidden'));
    const seen = JSON.stringify([executor.executed, executor.sessions.map((session) => session.workDir), model.calls]);
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(otherToken);
    expect(JSON.stringify(server.records)).not.toContain(token);
  });

  it('records a turn that failed before its run started, with the user message and the reason', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    const id = await createConversation(server);
    await server.store.updateConversation(id, { interpreter: 'gone' });
    const end = (await sendAndWait(server, id, 'Are you there?')).at(-1)?.data as TurnEnd | undefined;
    expect(end?.status).toBe('error');
    expect(end?.error).toEqual({ code: 'CONFIGURATION', message: 'unknown interpreter gone' });
    const detail = await detailOf(server, id);
    expect(detail.turns.map((turn) => [turn.prompt, turn.trajectory.outcome.status, turn.runId])).toEqual([
      ['Are you there?', 'error', end?.runId],
    ]);
    expect(await server.store.listMessages(id)).toEqual([]);
  });
});
