import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';
import type { ServerEnv } from '../server-env.js';

/** Logs each request (method, path, status, user, duration), except health checks and static assets. */
export function logRequests(logger: Logger): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path === '/healthz' || c.req.path.startsWith('/assets/')) return;
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      user: c.get('user'),
      ms: Math.round(performance.now() - started),
    });
  };
}
