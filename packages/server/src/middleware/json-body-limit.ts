import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerEnv } from '../server-env.js';

/** Caps request bodies at `maxBytes` (413 past it), except file uploads, which have their own limit. */
export function jsonBodyLimit(maxBytes: number): MiddlewareHandler<ServerEnv> {
  const limit = bodyLimit({ maxSize: maxBytes, onError: (c) => c.json({ error: 'body-too-large' }, 413) });
  return async (c, next) => {
    if (c.req.method === 'POST' && /^\/api\/conversations\/[^/]+\/files$/.test(c.req.path)) return next();
    return limit(c, next);
  };
}
