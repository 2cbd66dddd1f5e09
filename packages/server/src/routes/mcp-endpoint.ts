import { createCodeActMcpServer, createMcpHttpSessions } from '@codeact/mcp';
import { Hono } from 'hono';
import { authenticate } from '../middleware/auth.js';
import type { ServerEnv } from '../server-env.js';
import type { RouteDeps } from './route-deps.js';

/**
 * `/mcp`: codeact as a streamable-HTTP MCP server behind the same tokens as `/api`. Each MCP
 * session gets its own sandboxed interpreter (the default one) with the server-wide tools, and
 * `run_agent` with the default model; a session idle for `limits.sessionIdleMs` (default 30 min) is
 * closed with its sandbox. See docs/mcp.md.
 */
export function mcpEndpoint(deps: RouteDeps) {
  const { options } = deps;
  const sessions = createMcpHttpSessions(
    async () =>
      createCodeActMcpServer({
        executor: await options.interpreters.get(options.interpreters.defaultInterpreter),
        toolHost: options.tools?.toolHost,
        model: await options.models.resolve(options.models.defaultModel),
        agent: options.agent,
      }),
    // Idle like a conversation's interpreter: closed with its sandbox after `limits.sessionIdleMs`.
    { idleMs: deps.limits.sessionIdleMs },
  );
  const app = new Hono<ServerEnv>();
  app.use('/mcp', authenticate(deps.access, deps.loginLimiter));
  app.all('/mcp', (c) => sessions.handle(c.req.raw));
  return { app, close: () => sessions.close() };
}
