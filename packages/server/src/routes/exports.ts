import { stringifyTrajectory, toRequirements } from '@codeact/core';
import { Hono } from 'hono';
import { exportDisposition } from '../export/export-file-name.js';
import { exportNotebook } from '../export/export-notebook.js';
import type { ServerEnv } from '../server-env.js';
import { notFound } from './json-body.js';
import type { RouteDeps } from './route-deps.js';

/**
 * A conversation as a Jupyter notebook, as JSONL trajectories, or its installed packages as a
 * requirements.txt (mounted at `/conversations`).
 */
export function exportRoutes({ service }: RouteDeps) {
  return new Hono<ServerEnv>()
    .get('/:id/export.ipynb', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      const conversation = await service.get(user, id);
      if (!conversation) return c.json(notFound, 404);
      const notebook = exportNotebook(
        conversation,
        await service.trajectories(user, id),
        await service.packages(conversation),
      );
      c.header('Content-Disposition', exportDisposition(conversation.title, id, 'ipynb'));
      c.header('Content-Type', 'application/x-ipynb+json');
      return c.body(JSON.stringify(notebook, null, 1));
    })
    .get('/:id/requirements.txt', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      const conversation = await service.get(user, id);
      if (!conversation) return c.json(notFound, 404);
      c.header('Content-Disposition', 'attachment; filename="requirements.txt"');
      c.header('Content-Type', 'text/plain; charset=utf-8');
      return c.body(toRequirements(await service.packages(conversation)));
    })
    .get('/:id/export.jsonl', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      const conversation = await service.get(user, id);
      if (!conversation) return c.json(notFound, 404);
      const trajectories = await service.trajectories(user, id);
      c.header('Content-Disposition', exportDisposition(conversation.title, id, 'jsonl'));
      c.header('Content-Type', 'application/x-ndjson');
      return c.body(trajectories.map((trajectory) => `${stringifyTrajectory(trajectory)}\n`).join(''));
    });
}
