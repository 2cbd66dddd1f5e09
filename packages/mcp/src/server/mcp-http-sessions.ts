import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

type Instance = { readonly server: McpServer; close(): Promise<void> };

const jsonRpcError = (status: number, message: string) =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The same bytes; `done` runs once the stream ends or the client cancels it (an SSE reply ends after its result). */
function untilDone(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done: ended, value } = await reader.read();
        if (ended) {
          done();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}

export type McpHttpSessionsOptions = {
  /** Sessions open at once. Default 32. */
  readonly maxSessions?: number;
  /** A session without requests this long is closed with its sandbox. Default 30 min. */
  readonly idleMs?: number;
};

type Session = {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly instance: Instance;
  /** POSTs being answered; an idle timer never closes a session with one in flight. */
  active: number;
  timer?: ReturnType<typeof setTimeout> | undefined;
};

/**
 * Streamable-HTTP MCP endpoint with one server instance (one sandbox) per MCP session: an
 * `initialize` without a session id opens one; `DELETE`, `idleMs` without requests or `close()`
 * ends it and its sandbox.
 */
export function createMcpHttpSessions(create: () => Promise<Instance>, options: McpHttpSessionsOptions = {}) {
  const sessions = new Map<string, Session>();
  const maxSessions = options.maxSessions ?? 32;
  const idleMs = options.idleMs ?? 30 * 60_000;
  const arm = (session: Session) => {
    clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      // The transport's onclose removes the session and closes its instance.
      if (session.active === 0) void session.transport.close();
    }, idleMs);
    session.timer.unref?.();
  };
  const answer = async (session: Session, request: Request) => {
    // A GET is the client's long-lived notification stream: listening is not activity.
    if (request.method === 'GET') return session.transport.handleRequest(request);
    session.active += 1;
    clearTimeout(session.timer);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      session.active -= 1;
      if (session.active === 0 && sessions.has(session.transport.sessionId ?? '')) arm(session);
    };
    try {
      const response = await session.transport.handleRequest(request);
      if (!response.body) {
        finish();
        return response;
      }
      return new Response(untilDone(response.body, finish), response);
    } catch (error) {
      finish();
      throw error;
    }
  };
  return {
    get size() {
      return sessions.size;
    },
    async handle(request: Request): Promise<Response> {
      const id = request.headers.get('mcp-session-id');
      if (id) {
        const known = sessions.get(id);
        return known ? answer(known, request) : jsonRpcError(404, 'Unknown MCP session; initialize again.');
      }
      if (request.method !== 'POST') return jsonRpcError(400, 'Send initialize first (no mcp-session-id).');
      if (sessions.size >= maxSessions) return jsonRpcError(429, 'Too many MCP sessions; close one.');
      const instance = await create();
      const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sessionId) => {
          const session: Session = { transport, instance, active: 0 };
          sessions.set(sessionId, session);
          arm(session);
        },
      });
      transport.onclose = () => {
        const session = sessions.get(transport.sessionId ?? '');
        clearTimeout(session?.timer);
        if (transport.sessionId) sessions.delete(transport.sessionId);
        void instance.close();
      };
      await instance.server.connect(transport);
      const response = await transport.handleRequest(request);
      if (!transport.sessionId) await instance.close();
      return response;
    },
    async close() {
      const open = [...sessions.values()];
      sessions.clear();
      for (const session of open) clearTimeout(session.timer);
      await Promise.all(open.map(({ transport, instance }) => transport.close().then(() => instance.close())));
    },
  };
}
