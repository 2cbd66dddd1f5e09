import type { SSEStreamingApi } from 'hono/streaming';
import type { Subscription } from '../conversations/conversation-service.js';
import type { SequencedEvent } from '../conversations/live-conversation.js';

/** A subscription's events as they arrive: `push` is the listener, `next` waits for the next one. */
export type EventQueue = {
  readonly push: (event: SequencedEvent) => void;
  readonly next: () => Promise<SequencedEvent | undefined>;
  /** Ends `next` waits with `undefined` (the client went away). */
  readonly close: () => void;
  readonly unshift: (events: readonly SequencedEvent[]) => void;
};

export function createEventQueue(): EventQueue {
  // Taken by index: `shift` on a long array copies it, and a slow client lets the queue grow long.
  let queue: SequencedEvent[] = [];
  let head = 0;
  let wake: (() => void) | undefined;
  let closed = false;
  return {
    push(event) {
      queue.push(event);
      wake?.();
    },
    unshift(events) {
      queue = [...events, ...queue.slice(head)];
      head = 0;
    },
    close() {
      closed = true;
      wake?.();
    },
    async next() {
      while (!closed) {
        if (head < queue.length) {
          const event = queue[head] as SequencedEvent;
          head += 1;
          if (head === queue.length || head > 4096) {
            queue = queue.slice(head);
            head = 0;
          }
          return event;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      return undefined;
    },
  };
}

/**
 * Writes a subscription to an SSE stream: `hello`, the backlog, then live events with keep-alive
 * comments, until the client leaves, the conversation is deleted, or (with `followTurn`) the turn ends.
 */
export async function pumpEvents(
  stream: SSEStreamingApi,
  subscription: Subscription,
  queue: EventQueue,
  followTurn: boolean,
): Promise<void> {
  await stream.writeSSE({
    event: 'hello',
    data: JSON.stringify(subscription.hello.data),
    id: String(subscription.hello.seq),
  });
  queue.unshift(subscription.backlog);
  if (followTurn && !subscription.hello.data.activeTurn && subscription.backlog.length === 0) return;
  const keepAlive = setInterval(() => {
    void stream.write(': keep-alive\n\n').catch(() => {});
  }, 15_000);
  try {
    for (let event = await queue.next(); event; event = await queue.next()) {
      await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data), id: String(event.seq) });
      if (event.event === 'turn-end' && (followTurn || event.data.status === 'deleted')) break;
    }
  } finally {
    clearInterval(keepAlive);
  }
}
