import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { stringifyTrajectory, type TrajectoryStore } from '@codeact/core';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { InterpreterCatalog, ModelCatalog } from './conversations/catalogs.js';
import {
  type AgentSettings,
  type ConversationLimits,
  ConversationService,
  type SequencedEvent,
} from './conversations/conversation-service.js';
import { exportNotebook } from './export/export-notebook.js';
import { createLogger, type Logger } from './logging/logger.js';
import { AccessControl, type AccessToken } from './security/access-control.js';
import { checkHostAndOrigin, hostnameOf, requestHost, securityHeaders } from './security/browser-hardening.js';
import { RateLimiter } from './security/rate-limiter.js';
import { listWorkDirFiles, openWorkDirFile, writeWorkDirFile } from './security/work-dir-files.js';
import type { ConversationDetail, ConversationSummary, InterpreterInfo, ModelInfo } from './server-types.js';
import { createWebAssets } from './static/web-assets.js';

/** Request, size and rate limits of the HTTP API (see docs/serve.md). */
export type ServerLimits = ConversationLimits & {
  /** Largest JSON body. Default 1 MiB. */
  readonly maxJsonBytes: number;
  /** Largest single upload. Default 25 MiB. */
  readonly maxUploadBytes: number;
  /** Bytes a conversation's work dir may hold. Default 200 MiB. */
  readonly workDirQuotaBytes: number;
  /** API requests per client address: sustained per minute, and burst. Default 600 / 200. */
  readonly requestsPerMinute: number;
  readonly requestBurst: number;
  /** Messages a user may post: per minute and burst. Default 30 / 10. */
  readonly messagesPerMinute: number;
  readonly messageBurst: number;
  /** Failed or attempted logins per client address per minute (burst the same). Default 10. */
  readonly loginsPerMinute: number;
  /** Event streams a user may hold open. Default 32. */
  readonly maxStreamsPerUser: number;
};

export const defaultServerLimits: Omit<ServerLimits, keyof ConversationLimits> = {
  maxJsonBytes: 1024 * 1024,
  maxUploadBytes: 25 * 1024 * 1024,
  workDirQuotaBytes: 200 * 1024 * 1024,
  requestsPerMinute: 600,
  requestBurst: 200,
  messagesPerMinute: 30,
  messageBurst: 10,
  loginsPerMinute: 10,
  maxStreamsPerUser: 32,
};

export type ServerOptions = {
  readonly store: TrajectoryStore;
  readonly models: ModelCatalog;
  readonly interpreters: InterpreterCatalog;
  /** Conversation work dirs go to `<workRoot>/<conversation id>`; keep it apart from the store's files. */
  readonly workRoot: string;
  /** Who may call the API. Every request needs one of these tokens (or the session cookie it grants). */
  readonly tokens: readonly AccessToken[];
  /** Host names accepted besides localhost, 127.0.0.1 and [::1] (e.g. the LAN name with `--allow-remote`). */
  readonly allowedHosts?: readonly string[];
  /** Directory of the built web UI; `false` serves the API only. Default: `apps/web/dist` of this checkout. */
  readonly webRoot?: string | false;
  readonly logger?: Logger;
  readonly agent?: AgentSettings;
  readonly limits?: Partial<ServerLimits>;
  /** Python names of tools in the sandbox (re-running code that calls them is never safe). */
  readonly toolNames?: readonly string[];
};

type ServerEnv = {
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
  Variables: { user: string; auth: 'bearer' | 'cookie' };
};

/** The repository's built web UI, next to this package in the monorepo. */
export const defaultWebRoot = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

const CreateConversationBody = z.strictObject({
  title: z.string().max(200).optional(),
  model: z.string().max(500).optional(),
  interpreter: z.string().max(100).optional(),
});
const UpdateConversationBody = z.strictObject({
  title: z.string().max(200).optional(),
  model: z.string().max(500).optional(),
});
const PostMessageBody = z.strictObject({
  text: z.string().min(1).max(1_000_000),
  model: z.string().max(500).optional(),
});
const LoginBody = z.strictObject({ token: z.string().min(1).max(512) });

function jsonBody<T extends z.ZodType>(schema: T) {
  return validator('json', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json({ error: 'bad-request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
    }
    return parsed.data as z.infer<T>;
  });
}

function clientAddress(c: Context<ServerEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}

function sessionCookieName(c: Context<ServerEnv>): string {
  const host = requestHost(c);
  const port = host.slice(hostnameOf(host).length).replace(/^:/, '') || '80';
  return `codeact_session_${port}`;
}

const notFound = { error: 'not-found' } as const;

/**
 * Builds the API routes. Separate from `createServer` so that `AppType` (for `hc<AppType>` in the web
 * UI) is exactly these routes.
 */
function createApiRoutes(
  service: ConversationService,
  options: ServerOptions,
  limits: ServerLimits,
  access: AccessControl,
  logger: Logger,
) {
  const messageLimiter = new RateLimiter({ burst: limits.messageBurst, perMinute: limits.messagesPerMinute });
  const loginLimiter = new RateLimiter({ burst: limits.loginsPerMinute, perMinute: limits.loginsPerMinute });
  const openStreams = new Map<string, number>();

  const api = new Hono<ServerEnv>().basePath('/api');

  api.use('*', async (c, next) => {
    if (c.req.path === '/api/session' && c.req.method === 'POST') return next();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const user = token === undefined ? undefined : access.userForToken(token);
      if (!user) {
        const decision = loginLimiter.take(clientAddress(c));
        if (!decision.allowed) {
          c.header('Retry-After', String(decision.retryAfterSeconds));
          return c.json({ error: 'rate-limited' }, 429);
        }
        return c.json({ error: 'unauthorized' }, 401);
      }
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
  });

  api.use('*', async (c, next) => {
    if (c.req.method === 'POST' && /^\/api\/conversations\/[^/]+\/files$/.test(c.req.path)) return next();
    return bodyLimit({
      maxSize: limits.maxJsonBytes,
      onError: (context) => context.json({ error: 'body-too-large' }, 413),
    })(c, next);
  });

  const routes = api
    .post('/session', jsonBody(LoginBody), (c) => {
      const decision = loginLimiter.take(clientAddress(c));
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        return c.json({ error: 'rate-limited' as const }, 429);
      }
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
    .get('/me', (c) => c.json({ user: c.get('user') }, 200))
    .get('/models', (c) =>
      c.json({ models: options.models.models as ModelInfo[], defaultModel: options.models.defaultModel }, 200),
    )
    .get('/interpreters', async (c) =>
      c.json(
        {
          interpreters: (await options.interpreters.list()) as InterpreterInfo[],
          defaultInterpreter: options.interpreters.defaultInterpreter,
        },
        200,
      ),
    )
    .get('/stats', (c) => {
      const memory = process.memoryUsage();
      return c.json({ ...service.stats(), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed }, 200);
    })
    .get('/conversations', async (c) =>
      c.json({ conversations: (await service.list(c.get('user'))) as ConversationSummary[] }, 200),
    )
    .post('/conversations', jsonBody(CreateConversationBody), async (c) => {
      const result = await service.create(c.get('user'), c.req.valid('json'));
      if (!result.success) return c.json({ error: result.error }, 400);
      return c.json({ conversation: result.value }, 201);
    })
    .get('/conversations/:id', async (c) => {
      const detail = await service.detail(c.get('user'), c.req.param('id'));
      return detail ? c.json(detail as ConversationDetail, 200) : c.json(notFound, 404);
    })
    .patch('/conversations/:id', jsonBody(UpdateConversationBody), async (c) => {
      const result = await service.update(c.get('user'), c.req.param('id'), c.req.valid('json'));
      if (!result.success) return c.json({ error: result.error }, result.error === 'not-found' ? 404 : 400);
      return c.json({ conversation: result.value }, 200);
    })
    .delete('/conversations/:id', async (c) => {
      const deleted = await service.delete(c.get('user'), c.req.param('id'));
      return deleted ? c.json({ ok: true as const }, 200) : c.json(notFound, 404);
    })
    .post('/conversations/:id/messages', jsonBody(PostMessageBody), async (c) => {
      const user = c.get('user');
      const decision = messageLimiter.take(user);
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        return c.json({ error: 'rate-limited' as const }, 429);
      }
      const { text, model } = c.req.valid('json');
      const result = await service.postMessage(user, c.req.param('id'), text, model);
      if (result.success) return c.json({ turnId: result.turnId }, 202);
      switch (result.error) {
        case 'not-found':
          return c.json(notFound, 404);
        case 'busy':
          return c.json({ error: 'busy' as const, message: 'a turn is already running; stop it or wait' }, 409);
        case 'server-busy':
          c.header('Retry-After', '5');
          return c.json({ error: 'server-busy' as const }, 429);
        case 'too-long':
        case 'bad-model':
          return c.json({ error: result.error }, 400);
        default:
          return result.error satisfies never;
      }
    })
    .post('/conversations/:id/stop', async (c) => {
      const stopped = await service.stop(c.get('user'), c.req.param('id'));
      return stopped === undefined ? c.json(notFound, 404) : c.json({ stopped }, 200);
    })
    .get('/conversations/:id/events', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      if (!(await service.get(user, id))) return c.json(notFound, 404);
      if ((openStreams.get(user) ?? 0) >= limits.maxStreamsPerUser) {
        return c.json({ error: 'too-many-streams' as const }, 429);
      }
      const lastEventId = c.req.header('last-event-id') ?? c.req.query('after');
      const afterSeq = lastEventId !== undefined && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : undefined;
      const followTurn = c.req.query('follow') === 'turn';
      openStreams.set(user, (openStreams.get(user) ?? 0) + 1);
      return streamSSE(
        c,
        async (stream) => {
          const queue: SequencedEvent[] = [];
          let wake: (() => void) | undefined;
          let closed = false;
          const subscription = await service.subscribe(
            user,
            id,
            (event) => {
              queue.push(event);
              wake?.();
            },
            { afterSeq, includeLastTurn: followTurn },
          );
          stream.onAbort(() => {
            closed = true;
            wake?.();
          });
          try {
            if (!subscription) return;
            await stream.writeSSE({
              event: 'hello',
              data: JSON.stringify(subscription.hello.data),
              id: String(subscription.hello.seq),
            });
            queue.unshift(...subscription.backlog);
            if (followTurn && !subscription.hello.data.activeTurn && subscription.backlog.length === 0) return;
            const keepAlive = setInterval(() => {
              void stream.write(': keep-alive\n\n').catch(() => {});
            }, 15_000);
            try {
              while (!closed) {
                const event = queue.shift();
                if (!event) {
                  await new Promise<void>((resolve) => {
                    wake = resolve;
                  });
                  wake = undefined;
                  continue;
                }
                await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data), id: String(event.seq) });
                if (event.event === 'turn-end' && (followTurn || event.data.status === 'deleted')) break;
              }
            } finally {
              clearInterval(keepAlive);
            }
          } finally {
            subscription?.unsubscribe();
            openStreams.set(user, Math.max(0, (openStreams.get(user) ?? 1) - 1));
          }
        },
        async (error) => {
          logger.log('error', 'event stream failed', { conversationId: id, error: error.message });
        },
      );
    })
    .get('/conversations/:id/files', async (c) => {
      const id = c.req.param('id');
      if (!(await service.get(c.get('user'), id))) return c.json(notFound, 404);
      return c.json({ files: await listWorkDirFiles(service.workDir(id)) }, 200);
    })
    .post('/conversations/:id/files', async (c) => {
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
    .get('/conversations/:id/files/:name', async (c) => {
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
    })
    .get('/conversations/:id/export.ipynb', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      const conversation = await service.get(user, id);
      if (!conversation) return c.json(notFound, 404);
      const notebook = exportNotebook(conversation, await service.trajectories(user, id));
      c.header('Content-Disposition', `attachment; filename="codeact-${id.slice(0, 8)}.ipynb"`);
      c.header('Content-Type', 'application/x-ipynb+json');
      return c.body(JSON.stringify(notebook, null, 1));
    })
    .get('/conversations/:id/export.jsonl', async (c) => {
      const user = c.get('user');
      const id = c.req.param('id');
      if (!(await service.get(user, id))) return c.json(notFound, 404);
      const trajectories = await service.trajectories(user, id);
      c.header('Content-Disposition', `attachment; filename="codeact-${id.slice(0, 8)}.jsonl"`);
      c.header('Content-Type', 'application/x-ndjson');
      return c.body(trajectories.map((trajectory) => `${stringifyTrajectory(trajectory)}\n`).join(''));
    });
  return routes;
}

/** The API's type, for `hc<AppType>()` in the web UI. */
export type AppType = ReturnType<typeof createApiRoutes>;

/** A configured server: the Hono app (use `app.request()` in tests, or `startServer` to listen). */
export type CodeActServer = {
  readonly app: Hono<ServerEnv>;
  readonly conversations: ConversationService;
  readonly logger: Logger;
  /** Stops every turn and interpreter and closes the interpreters' executors (not the store). */
  close(): Promise<void>;
};

/**
 * Builds the chat server: the JSON API and event streams under `/api`, the web UI, `/healthz`.
 * Every API request must carry an access token (`Authorization: Bearer`) or the session cookie that
 * `POST /api/session` trades for one.
 *
 * @example
 * const server = createServer({ store, models, interpreters, workRoot, tokens: [{ token }] });
 * const response = await server.app.request('/api/conversations', { headers: { Authorization: `Bearer ${token}` } });
 */
export function createServer(options: ServerOptions): CodeActServer {
  const limits: ServerLimits = {
    ...{ ...defaultServerLimits },
    ...(options.limits ?? {}),
  } as ServerLimits;
  const access = new AccessControl(options.tokens);
  const logger = options.logger ?? createLogger({ secrets: () => options.tokens.map(({ token }) => token) });
  const service = new ConversationService({
    store: options.store,
    models: options.models,
    interpreters: options.interpreters,
    workRoot: options.workRoot,
    logger,
    ...(options.agent ? { agent: options.agent } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.toolNames ? { toolNames: options.toolNames } : {}),
  });
  const requestLimiter = new RateLimiter({ burst: limits.requestBurst, perMinute: limits.requestsPerMinute });
  const app = new Hono<ServerEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path === '/healthz' || c.req.path.startsWith('/assets/')) return;
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      user: c.get('user'),
      ms: Math.round(performance.now() - started),
    });
  });
  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));
  app.use('*', checkHostAndOrigin(options.allowedHosts ?? []));
  app.use('/api/*', async (c, next) => {
    const decision = requestLimiter.take(clientAddress(c));
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json({ error: 'rate-limited' }, 429);
    }
    return next();
  });
  app.route('/', createApiRoutes(service, options, limits, access, logger));
  const webRoot = options.webRoot ?? defaultWebRoot;
  const assets = webRoot === false ? undefined : createWebAssets(webRoot);
  app.get('*', (c) => (assets ? assets(c) : c.json(notFound, 404)));
  app.notFound((c) => c.json(notFound, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: 'bad-request', message: error.message }, error.status);
    logger.log('error', 'request failed', { method: c.req.method, path: c.req.path, error: error.message });
    return c.json({ error: 'internal' }, 500);
  });

  return {
    app,
    conversations: service,
    logger,
    async close() {
      await service.close();
      await options.interpreters.dispose();
    },
  };
}
