import { ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversation, createTestServer, type TestServer, token } from '../test-support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('authentication and browser safety', () => {
  it('requires the access token on every API route but not on /healthz', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    expect((await server.call('/api/conversations', { token: null })).status).toBe(401);
    expect((await server.call('/api/models', { token: 'wrong-token-0123456789' })).status).toBe(401);
    expect((await server.call('/api/conversations')).status).toBe(200);
    const health = await server.call('/healthz', { token: null });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('sets a strict CSP and hardening headers on every response', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    const response = await server.call('/api/conversations');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses foreign Host headers (DNS rebinding), cross-site origins and form content types', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    expect((await server.call('/api/conversations', { headers: { host: 'evil.example:8700' } })).status).toBe(403);
    expect((await server.call('/api/conversations', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await server.call('/api/conversations', { headers: { origin: 'http://localhost:9999' } })).status).toBe(
      403,
    );
    expect((await server.call('/api/conversations', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const form = await server.call('/api/conversations', {
      method: 'POST',
      body: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect((await server.call('/api/conversations', { headers: { origin: 'http://localhost' } })).status).toBe(200);
  });

  it('trades the token for an HttpOnly SameSite cookie that needs a same-origin Origin to change state', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    const refused = await server.call('/api/session', {
      method: 'POST',
      body: { token: 'not-the-token-at-all' },
      token: null,
    });
    expect(refused.status).toBe(401);
    const login = await server.call('/api/session', { method: 'POST', body: { token }, token: null });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^codeact_session_80=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(token);
    const cookie = setCookie.split(';')[0] as string;
    const me = await server.call('/api/me', { token: null, headers: { cookie } });
    expect(await me.json()).toEqual({ user: 'alice' });
    const withoutOrigin = await server.call('/api/conversations', {
      method: 'POST',
      body: {},
      token: null,
      headers: { cookie },
    });
    expect(withoutOrigin.status).toBe(403);
    const sameOrigin = await server.call('/api/conversations', {
      method: 'POST',
      body: {},
      token: null,
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('limits login attempts per client', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
      limits: { loginsPerMinute: 2 },
    });
    const attempt = () =>
      server?.call('/api/session', { method: 'POST', body: { token: 'guess-0123456789abcdef' }, token: null });
    expect((await attempt())?.status).toBe(401);
    expect((await attempt())?.status).toBe(401);
    const limited = await attempt();
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects oversized JSON bodies and unknown fields', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
      limits: { maxJsonBytes: 1024 },
    });
    const id = await createConversation(server);
    const big = await server.call(`/api/conversations/${id}/messages`, {
      method: 'POST',
      body: { text: 'x'.repeat(5000) },
    });
    expect(big.status).toBe(413);
    const extra = await server.call('/api/conversations', { method: 'POST', body: { title: 'a', owner: 'bob' } });
    expect(extra.status).toBe(400);
    const malformed = await server.call('/api/conversations', {
      method: 'POST',
      body: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
  });
});
