import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Context } from 'hono';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves the built web UI: `index.html` for app routes, hashed files under `assets/`. */
export function createWebAssets(root: string) {
  const cache = new Map<string, Buffer | null>();
  const load = async (relative: string): Promise<Buffer | null> => {
    if (!cache.has(relative)) cache.set(relative, await readFile(join(root, relative)).catch(() => null));
    return cache.get(relative) ?? null;
  };
  return async (c: Context): Promise<Response> => {
    const path = c.req.path;
    const asset = /^\/(assets\/[A-Za-z0-9._-]+|favicon\.(?:svg|ico))$/.exec(path)?.[1];
    if (asset !== undefined && !asset.includes('..')) {
      const body = await load(asset);
      if (!body) return c.text('not found', 404);
      c.header('Content-Type', contentTypes[extname(asset)] ?? 'application/octet-stream');
      c.header('Cache-Control', asset.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return c.body(new Uint8Array(body));
    }
    if (path.includes('.') || path.startsWith('/api/')) return c.json({ error: 'not-found' }, 404);
    const index = await load('index.html');
    if (!index) return c.text('The web UI is not built. Run `npm run build` in the codeact checkout.', 503);
    c.header('Content-Type', contentTypes['.html'] as string);
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(index));
  };
}
