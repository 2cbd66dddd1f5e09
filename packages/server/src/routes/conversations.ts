import { Hono } from 'hono';
import { z } from 'zod';
import type { ServerEnv } from '../server-env.js';
import type { ConversationDetail, ConversationSummary } from '../server-types.js';
import { jsonBody, notFound } from './json-body.js';
import type { RouteDeps } from './route-deps.js';

const CreateConversationBody = z.strictObject({
  title: z.string().max(200).optional(),
  model: z.string().max(500).optional(),
  interpreter: z.string().max(100).optional(),
});
const UpdateConversationBody = z.strictObject({
  title: z.string().max(200).optional(),
  model: z.string().max(500).optional(),
});

/** Listing, creating, reading, renaming and deleting conversations (mounted at `/conversations`). */
export function conversationRoutes({ service }: RouteDeps) {
  return new Hono<ServerEnv>()
    .get('/', async (c) => c.json({ conversations: (await service.list(c.get('user'))) as ConversationSummary[] }, 200))
    .post('/', jsonBody(CreateConversationBody), async (c) => {
      const result = await service.create(c.get('user'), c.req.valid('json'));
      if (!result.success) return c.json({ error: result.error }, 400);
      return c.json({ conversation: result.value }, 201);
    })
    .get('/:id', async (c) => {
      const detail = await service.detail(c.get('user'), c.req.param('id'));
      return detail ? c.json(detail as ConversationDetail, 200) : c.json(notFound, 404);
    })
    .patch('/:id', jsonBody(UpdateConversationBody), async (c) => {
      const result = await service.update(c.get('user'), c.req.param('id'), c.req.valid('json'));
      if (!result.success) return c.json({ error: result.error }, result.error === 'not-found' ? 404 : 400);
      return c.json({ conversation: result.value }, 200);
    })
    .delete('/:id', async (c) => {
      const deleted = await service.delete(c.get('user'), c.req.param('id'));
      return deleted ? c.json({ ok: true as const }, 200) : c.json(notFound, 404);
    });
}
