import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConversationService } from './conversations/conversation-service.js';
import { createLogger, type Logger } from './logging/logger.js';
import { rateLimitByAddress } from './middleware/rate-limit.js';
import { logRequests } from './middleware/request-log.js';
import { openAiRoutes } from './openai/openai-routes.js';
import { createApiRoutes } from './routes/api-routes.js';
import { notFound } from './routes/json-body.js';
import { mcpEndpoint } from './routes/mcp-endpoint.js';
import type { RouteDeps } from './routes/route-deps.js';
import { AccessControl } from './security/access-control.js';
import { checkHostAndOrigin, securityHeaders } from './security/browser-hardening.js';
import { RateLimiter } from './security/rate-limiter.js';
import type { ServerEnv } from './server-env.js';
import { defaultServerLimits, type ServerLimits, type ServerOptions } from './server-options.js';
import { createWebAssets } from './static/web-assets.js';

/** A configured server: the Hono app (use `app.request()` in tests, or `startServer` to listen). */
export type CodeActServer = {
  readonly app: Hono<ServerEnv>;
  readonly conversations: ConversationService;
  readonly logger: Logger;
  /** Stops every turn and interpreter and closes the interpreters' executors (not the store). */
  close(): Promise<void>;
};

/**
 * Builds the chat server: the JSON API and event streams under `/api`, the web UI, `/healthz`.
 * Every API request must carry an access token (`Authorization: Bearer`) or the session cookie that
 * `POST /api/session` trades for one.
 *
 * @example
 * const server = createServer({ store, models, interpreters, workRoot, tokens: [{ token }] });
 * const response = await server.app.request('/api/conversations', { headers: { Authorization: `Bearer ${token}` } });
 */
export function createServer(options: ServerOptions): CodeActServer {
  const limits = { ...defaultServerLimits, ...options.limits } as ServerLimits;
  const logger = options.logger ?? createLogger({ secrets: () => options.tokens.map(({ token }) => token) });
  const service = new ConversationService({
    store: options.store,
    models: options.models,
    interpreters: options.interpreters,
    workRoot: options.workRoot,
    logger,
    // Access tokens never reach an observation, the model or the store.
    agent: {
      ...options.agent,
      secrets: [...(options.agent?.secrets ?? []), ...options.tokens.map(({ token }) => token)],
    },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.toolNames ? { toolNames: options.toolNames } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
  });
  const deps: RouteDeps = {
    service,
    options,
    limits,
    access: new AccessControl(options.tokens),
    logger,
    loginLimiter: new RateLimiter({ burst: limits.loginsPerMinute, perMinute: limits.loginsPerMinute }),
  };
  const app = new Hono<ServerEnv>();
  app.use('*', logRequests(logger));
  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));
  app.use('*', checkHostAndOrigin(options.allowedHosts ?? []));
  app.use(
    '/api/*',
    rateLimitByAddress(new RateLimiter({ burst: limits.requestBurst, perMinute: limits.requestsPerMinute })),
  );
  app.use(
    '/v1/*',
    rateLimitByAddress(new RateLimiter({ burst: limits.requestBurst, perMinute: limits.requestsPerMinute })),
  );
  app.route('/', createApiRoutes(deps));
  app.route('/', openAiRoutes(deps));
  const mcp = mcpEndpoint(deps);
  app.route('/', mcp.app);
  const assets = options.webRoot === undefined ? undefined : createWebAssets(options.webRoot);
  app.get('*', (c) => (assets ? assets(c) : c.json(notFound, 404)));
  app.notFound((c) => c.json(notFound, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: 'bad-request', message: error.message }, error.status);
    logger.log('error', 'request failed', { method: c.req.method, path: c.req.path, error: error.message });
    return c.json({ error: 'internal' }, 500);
  });

  return {
    app,
    conversations: service,
    logger,
    async close() {
      await mcp.close();
      await service.close();
      await options.interpreters.dispose();
    },
  };
}
