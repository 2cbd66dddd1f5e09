import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AccessControl } from '../security/access-control.js';
import { hostnameOf, requestHost } from '../security/browser-hardening.js';
import type { RateLimiter } from '../security/rate-limiter.js';
import { clientAddress, type ServerEnv } from '../server-env.js';
import { takeOrRefuse } from './rate-limit.js';

/** The session cookie's name, per port, so servers on one host do not share sessions. */
export function sessionCookieName(c: Context<ServerEnv>): string {
  const host = requestHost(c);
  const port = host.slice(hostnameOf(host).length).replace(/^:/, '') || '80';
  return `codeact_session_${port}`;
}

/**
 * Sets `user` from the bearer token or the session cookie, or answers 401. Wrong tokens count
 * against the login budget of the client address; cookie-authenticated state changes need an Origin.
 * `POST /api/session` (the login) passes through.
 */
export function authenticate(access: AccessControl, loginLimiter: RateLimiter): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    if (c.req.path === '/api/session' && c.req.method === 'POST') return next();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const user = token === undefined ? undefined : access.userForToken(token);
      if (!user) return takeOrRefuse(c, loginLimiter, clientAddress(c)) ?? c.json({ error: 'unauthorized' }, 401);
      c.set('user', user);
      c.set('auth', 'bearer');
      return next();
    }
    const cookie = getCookie(c, sessionCookieName(c));
    const user = cookie === undefined ? undefined : access.userForSession(cookie);
    if (!user) return c.json({ error: 'unauthorized' }, 401);
    // A cookie rides along on cross-site requests: state changes need our own Origin (checked earlier).
    if (!['GET', 'HEAD'].includes(c.req.method) && c.req.header('origin') === undefined) {
      return c.json({ error: 'origin-required' }, 403);
    }
    c.set('user', user);
    c.set('auth', 'cookie');
    return next();
  };
}
