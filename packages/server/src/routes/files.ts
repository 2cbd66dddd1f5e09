import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { listWorkDirFiles, openWorkDirFile, writeWorkDirFile } from '../security/work-dir-files.js';
import type { ServerEnv } from '../server-env.js';
import { notFound } from './json-body.js';
import type { RouteDeps } from './route-deps.js';

/** A conversation's working directory: list, upload (raw body, `?name=`), download (mounted at `/conversations`). */
export function fileRoutes({ service, limits }: RouteDeps) {
  return new Hono<ServerEnv>()
    .get('/:id/files', async (c) => {
      const id = c.req.param('id');
      if (!(await service.get(c.get('user'), id))) return c.json(notFound, 404);
      return c.json({ files: await listWorkDirFiles(service.workDir(id)) }, 200);
    })
    .post('/:id/files', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      if (!(await service.get(user, id))) return c.json(notFound, 404);
      const name = c.req.query('name') ?? '';
      const declared = Number(c.req.header('content-length') ?? '0');
      if (declared > limits.maxUploadBytes) return c.json({ error: 'too-large' as const }, 413);
      const body = c.req.raw.body;
      if (!body) return c.json({ error: 'bad-request' as const, message: 'empty body' }, 400);
      const result = await writeWorkDirFile(service.workDir(id), name, body, {
        maxBytes: limits.maxUploadBytes,
        quotaBytes: limits.workDirQuotaBytes,
      });
      if (!result.success) {
        const status = result.error === 'bad-name' ? 400 : result.error === 'conflict' ? 409 : 413;
        return c.json({ error: result.error }, status);
      }
      await service.noteUpload(user, id, result.value);
      return c.json({ file: result.value }, 201);
    })
    .get('/:id/files/:name', async (c) => {
      const id = c.req.param('id');
      if (!(await service.get(c.get('user'), id))) return c.json(notFound, 404);
      const name = c.req.param('name');
      const opened = await openWorkDirFile(service.workDir(id), name);
      if (!opened.success) return c.json({ error: opened.error }, opened.error === 'bad-name' ? 400 : 404);
      return new Response(Readable.toWeb(opened.value.stream) as ReadableStream, {
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(opened.value.size),
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
          'Content-Security-Policy': "default-src 'none'; sandbox",
        },
      });
    });
}
