import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { authenticate } from '../middleware/auth.js';
import { jsonBodyLimit } from '../middleware/json-body-limit.js';
import type { RouteDeps } from '../routes/route-deps.js';
import type { ServerEnv } from '../server-env.js';
import { type CompletionTotals, startCompletionTurn } from './chat-completion-turn.js';
import { ChatCompletionRequest } from './chat-request.js';

function openAiError(message: string, code: string, type = 'invalid_request_error') {
  return { error: { message, type, code } };
}

function usageOf(totals: CompletionTotals | undefined) {
  const prompt = totals?.usage.inputTokens ?? 0;
  const completion = totals?.usage.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * The OpenAI-compatible API under `/v1` (same tokens as `/api`): `GET /v1/models`,
 * `POST /v1/chat/completions` (streamed or not; the reply is the agent's turn as Markdown) and the
 * figures those replies link to. See docs/openai-api.md.
 */
export function openAiRoutes(deps: RouteDeps) {
  const { service, options, logger } = deps;
  const app = new Hono<ServerEnv>().basePath('/v1');
  app.use('*', authenticate(deps.access, deps.loginLimiter));
  app.use('*', jsonBodyLimit(deps.limits.maxJsonBytes));
  return app
    .get('/models', (c) =>
      c.json({
        object: 'list',
        data: options.models.models.map((model) => ({
          id: model.id,
          object: 'model',
          created: 0,
          owned_by: 'codeact',
        })),
      }),
    )
    .get('/figures/:conversationId/:runId/:step/:index', async (c) => {
      const trajectory = await options.store.getTrajectory(c.req.param('runId'), { owner: c.get('user') });
      const step =
        trajectory?.conversationId === c.req.param('conversationId')
          ? trajectory.steps[Number(c.req.param('step'))]
          : undefined;
      const artifact = step?.execution?.artifacts[Number(c.req.param('index'))];
      if (!artifact) return c.json(openAiError('No such figure.', 'not_found'), 404);
      return c.body(Buffer.from(artifact.data, 'base64'), 200, {
        'Content-Type': artifact.mimeType,
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
    })
    .post('/chat/completions', async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const parsed = ChatCompletionRequest.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return c.json(openAiError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`, 'invalid_request'), 400);
      }
      const request = parsed.data;
      const origin = new URL(c.req.url).origin;
      let totals: CompletionTotals | undefined;
      const started = await startCompletionTurn({
        service,
        store: options.store,
        owner: c.get('user'),
        request,
        figureUrl: (conversationId, runId, step, index) =>
          `${origin}/v1/figures/${conversationId}/${runId}/${step}/${index}`,
        onTotals: (value) => {
          totals = value;
        },
      });
      if (!started.success) return c.json(openAiError(started.error.message, started.error.code), started.error.status);
      const id = `chatcmpl-${randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      const base = { id, created, model: request.model, system_fingerprint: started.value.conversationId };
      if (!request.stream) {
        let content = '';
        for await (const piece of started.value.pieces) content += piece;
        return c.json({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
          usage: usageOf(totals),
        });
      }
      return streamSSE(
        c,
        async (stream) => {
          const chunk = (delta: object, finish: string | null) =>
            stream.writeSSE({
              data: JSON.stringify({
                ...base,
                object: 'chat.completion.chunk',
                choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
              }),
            });
          await chunk({ role: 'assistant', content: '' }, null);
          for await (const piece of started.value.pieces) await chunk({ content: piece }, null);
          await chunk({}, 'stop');
          if (request.stream_options?.include_usage) {
            await stream.writeSSE({
              data: JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage: usageOf(totals) }),
            });
          }
          await stream.writeSSE({ data: '[DONE]' });
        },
        async (error) => {
          logger.log('error', 'chat completion stream failed', { error: error.message });
        },
      );
    });
}
