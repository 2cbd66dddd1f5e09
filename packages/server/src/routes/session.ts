import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { sessionCookieName } from '../middleware/auth.js';
import { takeOrRefuse } from '../middleware/rate-limit.js';
import { clientAddress, type ServerEnv } from '../server-env.js';
import { jsonBody } from './json-body.js';
import type { RouteDeps } from './route-deps.js';

const LoginBody = z.strictObject({ token: z.string().min(1).max(512) });

/** `POST /session` trades a token for the session cookie, `DELETE /session` drops it, `GET /me` names the caller. */
export function sessionRoutes({ access, logger, loginLimiter }: RouteDeps) {
  return new Hono<ServerEnv>()
    .post('/session', jsonBody(LoginBody), (c) => {
      const refused = takeOrRefuse(c, loginLimiter, clientAddress(c));
      if (refused) return refused;
      const session = access.sessionFor(c.req.valid('json').token);
      if (!session) {
        logger.log('warn', 'login refused', { address: clientAddress(c) });
        return c.json({ error: 'unauthorized' as const }, 401);
      }
      setCookie(c, sessionCookieName(c), session, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: 30 * 24 * 3600,
      });
      return c.json({ ok: true as const }, 200);
    })
    .delete('/session', (c) => {
      deleteCookie(c, sessionCookieName(c), { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .get('/me', (c) => c.json({ user: c.get('user') }, 200));
}
