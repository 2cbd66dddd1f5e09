import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ServerEnv } from '../server-env.js';
import { createEventQueue, pumpEvents } from '../sse/pump-events.js';
import { notFound } from './json-body.js';
import type { RouteDeps } from './route-deps.js';

/**
 * A conversation's event stream (SSE, mounted at `/conversations`). `Last-Event-ID` (or `?after=`)
 * resumes after a sequence number; `?follow=turn` ends the stream with the turn.
 */
export function eventRoutes({ service, limits, logger }: RouteDeps) {
  const openStreams = new Map<string, number>();
  return new Hono<ServerEnv>().get('/:id/events', async (c) => {
    const user = c.get('user');
    const id = c.req.param('id');
    if (!(await service.get(user, id))) return c.json(notFound, 404);
    if ((openStreams.get(user) ?? 0) >= limits.maxStreamsPerUser) {
      return c.json({ error: 'too-many-streams' as const }, 429);
    }
    const lastEventId = c.req.header('last-event-id') ?? c.req.query('after');
    const afterSeq = lastEventId !== undefined && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined;
    const followTurn = c.req.query('follow') === 'turn';
    openStreams.set(user, (openStreams.get(user) ?? 0) + 1);
    return streamSSE(
      c,
      async (stream) => {
        const queue = createEventQueue();
        const subscription = await service.subscribe(user, id, queue.push, { afterSeq, includeLastTurn: followTurn });
        stream.onAbort(queue.close);
        try {
          if (subscription) await pumpEvents(stream, subscription, queue, followTurn);
        } finally {
          subscription?.unsubscribe();
          openStreams.set(user, Math.max(0, (openStreams.get(user) ?? 1) - 1));
        }
      },
      async (error) => {
        logger.log('error', 'event stream failed', { conversationId: id, error: error.message });
      },
    );
  });
}
