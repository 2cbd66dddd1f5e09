import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../security/browser-hardening.js';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

let root: string;
let server: TestServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'codeact-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1.js"></script>');
  await writeFile(join(root, 'assets', 'app-1.js'), 'export {};');
  await writeFile(join(root, 'secret.txt'), 'not served');
  server = await createTestServer({
    models: { 'script:a': new ScriptedModel([]) },
    executor: new ScriptedExecutor([]),
    webRoot: root,
  });
});

afterAll(async () => {
  await server.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('web assets', () => {
  it('serves the app shell for app routes with the strict CSP, without a token', async () => {
    for (const path of ['/', '/c/abc-123']) {
      const response = await server.call(path, { token: null });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(await response.text()).toContain('/assets/app-1.js');
    }
  });

  it('serves hashed assets as immutable and nothing outside assets/', async () => {
    const script = await server.call('/assets/app-1.js', { token: null });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    for (const path of [
      '/secret.txt',
      '/assets/../secret.txt',
      '/assets/%2e%2e%2fsecret.txt',
      '/index.html/../secret.txt',
    ]) {
      const response = await server.call(path, { token: null });
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it('refuses the app shell to a foreign Host too (DNS rebinding)', async () => {
    expect((await server.call('/', { token: null, headers: { host: 'attacker.example' } })).status).toBe(403);
  });
});
