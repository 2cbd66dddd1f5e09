import type { MiddlewareHandler } from 'hono';

/**
 * The page may run only its own scripts and styles, talk only to its own origin, show images only
 * from itself or `data:` URLs (plots), and cannot be framed.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers on every response: CSP, no sniffing, no framing, no referrer, isolated browsing context. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (c.req.path.startsWith('/api/')) headers.set('Cache-Control', 'no-store');
  };
}

const loopbackHostnames = ['localhost', '127.0.0.1', '[::1]'];

/** The hostname part of a Host header value, lower-cased (`[::1]:8700` → `[::1]`). */
export function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

export function requestHost(c: { req: { header(name: string): string | undefined; url: string } }): string {
  return c.req.header('host') ?? new URL(c.req.url).host;
}

/**
 * Refuses requests whose Host is not one of ours (DNS rebinding), cross-site requests (by `Origin`
 * and `Sec-Fetch-Site`), and form-encodable bodies on state-changing requests (CSRF without preflight).
 */
export function checkHostAndOrigin(extraHostnames: readonly string[]): MiddlewareHandler {
  const allowed = new Set([...loopbackHostnames, ...extraHostnames.map((name) => hostnameOf(name))]);
  return async (c, next) => {
    const host = requestHost(c);
    if (!allowed.has(hostnameOf(host))) return c.json({ error: 'host-not-allowed' }, 403);
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      let sameOrigin = false;
      try {
        const url = new URL(origin);
        sameOrigin = (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
      } catch {
        sameOrigin = false;
      }
      if (!sameOrigin) return c.json({ error: 'cross-origin' }, 403);
    }
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none' && c.req.path.startsWith('/api/')) {
      return c.json({ error: 'cross-origin' }, 403);
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'].includes(type)) {
        return c.json({ error: 'unsupported-media-type' }, 415);
      }
    }
    return next();
  };
}
