import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

type Instance = { readonly server: McpServer; close(): Promise<void> };

const jsonRpcError = (status: number, message: string) =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/**
 * Streamable-HTTP MCP endpoint with one server instance (one sandbox) per MCP session: an
 * `initialize` without a session id opens one; `DELETE` (or `close()`) ends it and its sandbox.
 */
export function createMcpHttpSessions(create: () => Promise<Instance>, options: { maxSessions?: number } = {}) {
  const sessions = new Map<string, { transport: WebStandardStreamableHTTPServerTransport; instance: Instance }>();
  const maxSessions = options.maxSessions ?? 32;
  return {
    get size() {
      return sessions.size;
    },
    async handle(request: Request): Promise<Response> {
      const id = request.headers.get('mcp-session-id');
      if (id) {
        const known = sessions.get(id);
        return known
          ? known.transport.handleRequest(request)
          : jsonRpcError(404, 'Unknown MCP session; initialize again.');
      }
      if (request.method !== 'POST') return jsonRpcError(400, 'Send initialize first (no mcp-session-id).');
      if (sessions.size >= maxSessions) return jsonRpcError(429, 'Too many MCP sessions; close one.');
      const instance = await create();
      const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sessionId) => {
          sessions.set(sessionId, { transport, instance });
        },
      });
      transport.onclose = () => {
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
      await Promise.all(open.map(({ transport, instance }) => transport.close().then(() => instance.close())));
    },
  };
}
