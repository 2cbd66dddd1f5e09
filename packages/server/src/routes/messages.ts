import { Hono } from 'hono';
import { z } from 'zod';
import { takeOrRefuse } from '../middleware/rate-limit.js';
import { RateLimiter } from '../security/rate-limiter.js';
import type { ServerEnv } from '../server-env.js';
import { jsonBody, notFound } from './json-body.js';
import type { RouteDeps } from './route-deps.js';

const ApprovalBody = z.strictObject({ answer: z.enum(['allow', 'always', 'deny']) });

const PostMessageBody = z.strictObject({
  text: z.string().min(1).max(1_000_000),
  model: z.string().max(500).optional(),
});

/**
 * Posting a message (starts a turn), stopping the turn in flight, and answering its tool-approval
 * requests (mounted at `/conversations`).
 */
export function messageRoutes({ service, limits }: RouteDeps) {
  const messageLimiter = new RateLimiter({ burst: limits.messageBurst, perMinute: limits.messagesPerMinute });
  return new Hono<ServerEnv>()
    .post('/:id/messages', jsonBody(PostMessageBody), async (c) => {
      const user = c.get('user');
      const refused = takeOrRefuse(c, messageLimiter, user);
      if (refused) return refused;
      const { text, model } = c.req.valid('json');
      const result = await service.postMessage(user, c.req.param('id'), text, model);
      if (result.success) return c.json({ turnId: result.turnId }, 202);
      switch (result.error) {
        case 'not-found':
          return c.json(notFound, 404);
        case 'busy':
          return c.json({ error: 'busy' as const, message: 'a turn is already running; stop it or wait' }, 409);
        case 'server-busy':
          c.header('Retry-After', '5');
          return c.json({ error: 'server-busy' as const }, 429);
        case 'too-long':
        case 'bad-model':
          return c.json({ error: result.error }, 400);
        default:
          return result.error satisfies never;
      }
    })
    .post('/:id/stop', async (c) => {
      const stopped = await service.stop(c.get('user'), c.req.param('id'));
      return stopped === undefined ? c.json(notFound, 404) : c.json({ stopped }, 200);
    })
    .post('/:id/approvals/:callId', jsonBody(ApprovalBody), async (c) => {
      const { answer } = c.req.valid('json');
      const answered = await service.answerApproval(c.get('user'), c.req.param('id'), c.req.param('callId'), answer);
      if (answered === undefined) return c.json(notFound, 404);
      if (!answered)
        return c.json(
          { error: 'not-waiting' as const, message: 'no tool call with this id is waiting for approval' },
          409,
        );
      return c.json({ answered: true as const }, 200);
    });
}
