import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryTrajectoryStore, type Executor, type LanguageModel, type TrajectoryStore } from '@codeact/core';
import { createInterpreterCatalog, createModelCatalog } from '../conversations/catalogs.js';
import { type CodeActServer, createServer } from '../create-server.js';
import { createMemoryLogger } from '../logging/logger.js';
import type { ServerLimits } from '../server-options.js';
import { readSseMessages } from '../sse/read-sse-messages.js';

export const token = 'test-token-0123456789abcdef';
export const otherToken = 'other-token-0123456789abcdef';

export type TestServerOptions = {
  readonly models: Record<string, LanguageModel>;
  readonly executor: Executor;
  readonly store?: TrajectoryStore;
  readonly workRoot?: string;
  readonly limits?: Partial<ServerLimits>;
  readonly webRoot?: string;
};

export type TestServer = CodeActServer & {
  readonly store: TrajectoryStore;
  readonly workRoot: string;
  readonly records: ReturnType<typeof createMemoryLogger>['records'];
  /** `app.request` with the token and JSON body handled. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  dispose(): Promise<void>;
};

export async function createTestServer(options: TestServerOptions): Promise<TestServer> {
  const workRoot = options.workRoot ?? (await mkdtemp(join(tmpdir(), 'codeact-server-test-')));
  const store = options.store ?? createMemoryTrajectoryStore();
  const logger = createMemoryLogger();
  const server = createServer({
    store,
    models: createModelCatalog(Object.entries(options.models).map(([id, model]) => ({ id, model }))),
    interpreters: createInterpreterCatalog([
      { id: 'scripted', create: async () => ({ executor: options.executor, explanation: 'scripted (runs no code)' }) },
    ]),
    workRoot,
    tokens: [
      { token, user: 'alice' },
      { token: otherToken, user: 'bob' },
    ],
    logger,
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return {
    ...server,
    store,
    workRoot,
    records: logger.records,
    call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token !== null) headers.authorization = `Bearer ${init.token ?? token}`;
      let body: BodyInit | undefined;
      if (init.body !== undefined) {
        if (typeof init.body === 'string' || init.body instanceof Uint8Array) body = init.body as BodyInit;
        else {
          body = JSON.stringify(init.body);
          headers['content-type'] ??= 'application/json';
        }
      }
      return server.app.request(path, {
        method: init.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body }),
      });
    },
    async dispose() {
      await server.close();
      if (!options.workRoot) await rm(workRoot, { recursive: true, force: true });
    },
  };
}

/** An SSE message as sent by the server. */
export type SseMessage = { event: string; id: string | undefined; data: unknown };

/** Reads SSE messages from a response until `until` returns true or the stream ends. */
export async function readSse(
  response: Response,
  until: (message: SseMessage, all: SseMessage[]) => boolean = () => false,
): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  await readSseMessages(response, (raw) => {
    const message: SseMessage = { event: raw.event, id: raw.id, data: JSON.parse(raw.data) };
    messages.push(message);
    return until(message, messages);
  });
  return messages;
}

/** Posts a message and reads the conversation's events until the turn ends. */
export async function sendAndWait(server: TestServer, conversationId: string, text: string, tokenValue = token) {
  const posted = await server.call(`/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    body: { text },
    token: tokenValue,
  });
  if (posted.status !== 202) throw new Error(`post failed: ${posted.status} ${await posted.text()}`);
  const events = await server.call(`/api/conversations/${conversationId}/events?follow=turn`, { token: tokenValue });
  return readSse(events, (message) => message.event === 'turn-end');
}

export async function createConversation(server: TestServer, body: Record<string, unknown> = {}, tokenValue = token) {
  const response = await server.call('/api/conversations', { method: 'POST', body, token: tokenValue });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { conversation: { id: string } }).conversation.id;
}
