import { ConfigurationError } from '@codeact/core';
import {
  type BackendClasses,
  createPostgresBackend,
  createRedisBackend,
  type IQueueBackend,
  runMigrations,
  withBackend,
} from 'bullmq';

/** Which BullMQ backend a queue URL selects. */
export type QueueBackendName = 'postgres' | 'redis';

/**
 * BullMQ's classes bound to one backend and connection: the same code runs on PostgreSQL and Redis.
 * `connection` goes into every constructor's options.
 */
export type QueueConnection = {
  readonly backend: QueueBackendName;
  readonly classes: BackendClasses<IQueueBackend, unknown>;
  readonly connection: unknown;
  /** The URL without its password, for messages. */
  readonly displayUrl: string;
  /** Closes the shared client (Redis); queues, workers and events are closed by their owners. */
  close(): Promise<void>;
};

const usage =
  'A queue is a PostgreSQL or Redis URL: --queue postgres://user@host:5432/db or --queue redis://host:6379.';

/** Which backend a URL names, or a `ConfigurationError` with the accepted forms. */
export function queueBackendOf(url: string): QueueBackendName {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigurationError(`${JSON.stringify(url)} is not a URL. ${usage}`);
  }
  if (protocol === 'postgres:' || protocol === 'postgresql:') return 'postgres';
  if (protocol === 'redis:' || protocol === 'rediss:') return 'redis';
  throw new ConfigurationError(`Unsupported queue ${JSON.stringify(protocol)}. ${usage}`);
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Connects BullMQ to `url`: PostgreSQL (its schema is created or upgraded first; idempotent and safe
 * when several processes start at once) or Redis (one ioredis client shared by the queue objects).
 */
export async function openQueueConnection(url: string): Promise<QueueConnection> {
  const backend = queueBackendOf(url);
  const displayUrl = withoutPassword(url);
  if (backend === 'postgres') {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    try {
      await client.connect();
      await runMigrations(client);
    } catch (error) {
      throw new ConfigurationError(`Cannot use the queue at ${displayUrl}: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      await client.end().catch(() => {});
    }
    return {
      backend,
      classes: withBackend(createPostgresBackend) as unknown as BackendClasses<IQueueBackend, unknown>,
      connection: url,
      displayUrl,
      close: async () => {},
    };
  }
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new ConfigurationError(`Cannot use the queue at ${displayUrl}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    backend,
    classes: withBackend(createRedisBackend) as unknown as BackendClasses<IQueueBackend, unknown>,
    connection: client,
    displayUrl,
    close: async () => {
      client.disconnect();
    },
  };
}
