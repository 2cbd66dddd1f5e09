import { Hono } from 'hono';
import { authenticate } from '../middleware/auth.js';
import { jsonBodyLimit } from '../middleware/json-body-limit.js';
import type { ServerEnv } from '../server-env.js';
import { catalogRoutes } from './catalog.js';
import { conversationRoutes } from './conversations.js';
import { eventRoutes } from './events.js';
import { exportRoutes } from './exports.js';
import { fileRoutes } from './files.js';
import { messageRoutes } from './messages.js';
import type { RouteDeps } from './route-deps.js';
import { sessionRoutes } from './session.js';

/**
 * The JSON API under `/api`: authentication and the body limit, then one route module per
 * resource. Add a resource by writing `routes/<resource>.ts` and mounting it here; `AppType`
 * (for `hc<AppType>` in the web UI) follows from this chain.
 */
export function createApiRoutes(deps: RouteDeps) {
  const api = new Hono<ServerEnv>().basePath('/api');
  api.use('*', authenticate(deps.access, deps.loginLimiter));
  api.use('*', jsonBodyLimit(deps.limits.maxJsonBytes));
  return api
    .route('/', sessionRoutes(deps))
    .route('/', catalogRoutes(deps))
    .route('/conversations', conversationRoutes(deps))
    .route('/conversations', messageRoutes(deps))
    .route('/conversations', eventRoutes(deps))
    .route('/conversations', fileRoutes(deps))
    .route('/conversations', exportRoutes(deps));
}

/** The API's type, for `hc<AppType>()` in the web UI. */
export type AppType = ReturnType<typeof createApiRoutes>;
