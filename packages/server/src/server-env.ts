import type { Context } from 'hono';

/** The Hono environment of every route: the Node socket, and the caller set by the auth middleware. */
export type ServerEnv = {
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
  Variables: { user: string; auth: 'bearer' | 'cookie' };
};

/** The client's socket address (rate limits are per address); `local` under `app.request()`. */
export function clientAddress(c: Context<ServerEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}
