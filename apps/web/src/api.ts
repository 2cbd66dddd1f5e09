import type { AgentEvent } from '@codeact/core';
import type { ActiveTurn, AppType, InterpreterStatus, TurnEnd, UploadNote, WorkDirFile } from '@codeact/server';
import { hc } from 'hono/client';

/** The typed API client: same origin, authenticated by the HttpOnly session cookie. */
export const client = hc<AppType>('/', { init: { credentials: 'same-origin' } });

export type ConversationEventHandlers = {
  readonly hello: (data: { activeTurn: ActiveTurn | null; interpreter: InterpreterStatus }) => void;
  readonly 'turn-start': (data: ActiveTurn) => void;
  readonly agent: (data: AgentEvent) => void;
  readonly interpreter: (data: InterpreterStatus) => void;
  readonly 'turn-end': (data: TurnEnd) => void;
  readonly files: (data: { files: WorkDirFile[]; pendingUploads: UploadNote[] }) => void;
};

/**
 * Follows a conversation's event stream. EventSource sends the cookie and, on reconnect, the last
 * event id, so the server resends only what was missed.
 */
export function followConversation(id: string, handlers: ConversationEventHandlers): () => void {
  const source = new EventSource(`/api/conversations/${encodeURIComponent(id)}/events`);
  for (const name of Object.keys(handlers) as (keyof ConversationEventHandlers)[]) {
    source.addEventListener(name, (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as never;
      (handlers[name] as (value: never) => void)(data);
    });
  }
  return () => source.close();
}

/** Reads `#token=…` once, trades it for the session cookie, and removes it from the address bar. */
export async function loginFromFragment(): Promise<boolean> {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return false;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return login(decodeURIComponent(match[1]));
}

export async function login(token: string): Promise<boolean> {
  const response = await client.api.session.$post({ json: { token } });
  return response.ok;
}

export async function uploadFile(conversationId: string, file: File): Promise<Response> {
  return fetch(`/api/conversations/${encodeURIComponent(conversationId)}/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
    credentials: 'same-origin',
  });
}
