import { startTemporaryPostgres } from '@codeact/store-postgres/testing';
import { describe, expect, it } from 'vitest';
import { openQueueConnection } from './queue-connection.js';
import { createQueueRateLimiter } from './queue-rate-limiter.js';
import { startTemporaryRedis } from './testing/start-temporary-redis.js';

const backends = [
  ['Redis', async () => startTemporaryRedis().then((redis) => ({ url: redis.url, stop: () => redis.stop() }))],
  [
    'PostgreSQL',
    async () =>
      startTemporaryPostgres().then((postgres) => ({ url: postgres.connectionString, stop: () => postgres.stop() })),
  ],
] as const;

describe.each(backends)('createQueueRateLimiter on %s', (_name, start) => {
  it('shares one limit between two workers: the calls beyond it wait for the window', async () => {
    const server = await start();
    const connections = [await openQueueConnection(server.url), await openQueueConnection(server.url)];
    const limit = { max: 3, durationMs: 60_000 };
    const limiters = await Promise.all(
      connections.map((connection) => createQueueRateLimiter(connection, 'openai', limit)),
    );
    try {
      const granted: number[] = [];
      for (const [index, worker] of [0, 1, 0, 1].entries())
        void limiters[worker]?.acquire().then(() => granted.push(index));
      // Three calls (from both workers) pass; the fourth waits for the 60 s window, whichever worker asks.
      const deadline = Date.now() + 30_000;
      while (granted.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(granted).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(granted).toHaveLength(3);
      const aborted = new AbortController();
      const late = limiters[0]?.acquire(aborted.signal);
      aborted.abort(new Error('stopped'));
      await expect(late).rejects.toThrow('stopped');
    } finally {
      await Promise.all(limiters.map((limiter) => limiter.close()));
      for (const connection of connections) await connection.close();
      await server.stop();
    }
  }, 60_000);
});
