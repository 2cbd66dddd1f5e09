import { Hono } from 'hono';
import type { ServerEnv } from '../server-env.js';
import type { InterpreterInfo, ModelInfo } from '../server-types.js';
import type { RouteDeps } from './route-deps.js';

/** The models and interpreters on offer, and the server's load and interpreter pools (`/stats`). */
export function catalogRoutes({ service, options }: RouteDeps) {
  return new Hono<ServerEnv>()
    .get('/models', (c) =>
      c.json({ models: options.models.models as ModelInfo[], defaultModel: options.models.defaultModel }, 200),
    )
    .get('/interpreters', async (c) =>
      c.json(
        {
          interpreters: (await options.interpreters.list()) as InterpreterInfo[],
          defaultInterpreter: options.interpreters.defaultInterpreter,
        },
        200,
      ),
    )
    .get('/stats', (c) => {
      const memory = process.memoryUsage();
      const pools = options.interpreters.pools();
      return c.json({ ...service.stats(), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, pools }, 200);
    });
}
