import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimiter } from '../security/rate-limiter.js';
import { clientAddress, type ServerEnv } from '../server-env.js';

/** Takes one request from `key`'s budget; a 429 response with `Retry-After` when it is spent. */
export function takeOrRefuse(c: Context<ServerEnv>, limiter: RateLimiter, key: string) {
  const decision = limiter.take(key);
  if (decision.allowed) return undefined;
  c.header('Retry-After', String(decision.retryAfterSeconds));
  return c.json({ error: 'rate-limited' as const }, 429);
}

/** Limits requests per client address. */
export function rateLimitByAddress(limiter: RateLimiter): MiddlewareHandler<ServerEnv> {
  return async (c, next) => takeOrRefuse(c, limiter, clientAddress(c)) ?? next();
}
