import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, ExecutorSession, ToolApprovalRequest } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { serveTestIndex, type TestIndex } from './testing/serve-test-index.js';

describe('packages on demand (CPython)', () => {
  let root: string;
  let index: TestIndex;
  let asking: Executor;
  let denying: Executor;
  let session: ExecutorSession;
  const asked: ToolApprovalRequest[] = [];
  const allow = {
    approveToolCall: async (request: ToolApprovalRequest) => {
      asked.push(request);
      return 'allow' as const;
    },
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'codeact-packages-test-'));
    chmodSync(root, 0o755);
    index = await serveTestIndex(join(root, 'index'));
    const cacheDir = join(root, 'cache');
    const rules = { allow: [], deny: ['codeact-forbidden'] };
    asking = await createPythonExecutor({ packages: { policy: 'ask', indexUrl: index.url, cacheDir, rules } });
    denying = await createPythonExecutor({ packages: { policy: 'deny', indexUrl: index.url, cacheDir } });
    session = await asking.createSession();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await asking?.dispose();
    await denying?.dispose();
    await index?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('installs a package and its dependency with %pip install after approval; the sandbox stays offline', async () => {
    const code = [
      '%pip install -q codeact-tiny-app',
      'import socket, tiny_app',
      'print(tiny_app.ANSWER)',
      'try:',
      `    socket.create_connection(("127.0.0.1", ${index.port}), timeout=5)`,
      '    print("online")',
      'except OSError as error:',
      '    print("offline", type(error).__name__)',
    ].join('\n');
    const execution = await session.execute({ code, toolScope: allow, timeoutMs: 120_000 });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toMatch(/^Installed codeact-tiny-app 0\.1, codeact-tiny-dep 1\.0\n42\noffline \w+/);
    expect(asked.map((request) => [request.toolName, request.args])).toEqual([
      ['install_packages', { packages: ['codeact-tiny-app'] }],
    ]);
    expect(index.requests).toContain('/files/codeact_tiny_dep-1.0-py3-none-any.whl');
    // Asked again (a replayed action): already there, so neither asked nor downloaded.
    const requests = index.requests.length;
    const again = await session.execute({ code: '%pip install codeact-tiny-app codeact-tiny-dep==1.0' });
    expect(again.stdout).toBe('Installed codeact-tiny-app 0.1, codeact-tiny-dep 1.0\n');
    expect(index.requests).toHaveLength(requests);
    expect(asked).toHaveLength(1);
    // Content-addressed: one directory per sha256.
    expect(readdirSync(join(root, 'cache', 'sha256')).every((name) => /^[0-9a-f]{64}$/.test(name))).toBe(true);
    expect(readdirSync(join(root, 'cache', 'sha256'))).toHaveLength(2);
  }, 120_000);

  it('raises PermissionError when the user denies, nobody can approve, or the rules forbid', async () => {
    const deny = { approveToolCall: async () => 'deny' as const };
    const denied = await session.execute({ code: 'install_packages(["codeact-other"])', toolScope: deny });
    expect(denied.error?.name).toBe('PermissionError');
    expect(denied.error?.message).toMatch(/installing codeact-other was denied/);
    const alone = await session.execute({ code: 'install_packages(["codeact-other"])' });
    expect(alone.error?.message).toMatch(/needs approval and nobody can approve it here/);
    const forbidden = await session.execute({ code: 'install_packages(["codeact_Forbidden"])', toolScope: allow });
    expect(forbidden.error?.name).toBe('PermissionError');
    expect(forbidden.error?.message).toMatch(/codeact-forbidden is denied by the package policy file/);
  });

  it('refuses under the deny policy without asking', async () => {
    const other = await denying.createSession();
    try {
      const before = asked.length;
      const execution = await other.execute({ code: '%pip install codeact-tiny-dep', toolScope: allow });
      expect(execution.error?.name).toBe('PermissionError');
      expect(execution.error?.message).toMatch(/turned off here.*--packages allow/);
      expect(asked).toHaveLength(before);
    } finally {
      await other.close();
    }
  });

  it('refuses a hash mismatch, a source distribution and anything but a requirement', async () => {
    const mismatch = await session.execute({ code: 'install_packages(["codeact-bad-hash"])', toolScope: allow });
    expect(mismatch.error?.name).toBe('ToolError');
    expect(mismatch.error?.message).toMatch(/DO NOT MATCH THE HASHES[\s\S]*Expected sha256 0{64}/);
    const source = await session.execute({ code: 'install_packages(["codeact-source-only"])', toolScope: allow });
    expect(source.error?.message).toMatch(/only available as a source distribution.*--allow-sdist/);
    const option = await session.execute({ code: 'install_packages(["--index-url=http://x"])', toolScope: allow });
    expect(option.error?.name).toBe('TypeError');
    expect(option.error?.message).toMatch(/not a package requirement/);
    expect(existsSync(join(session.siteDir ?? '', 'bad_hash'))).toBe(false);
  }, 60_000);

  it('reinstalls from the cache what a kept site dir records but lost, before the first action', async () => {
    const siteDir = join(root, 'conversation-site');
    const first = await asking.createSession({ siteDir });
    const installed = await first.execute({ code: 'install_packages("codeact-tiny-dep==1.0")', toolScope: allow });
    expect(installed.stdout).toBe('Installed codeact-tiny-dep 1.0\n');
    await first.close();
    rmSync(join(siteDir, 'tiny_dep'), { recursive: true });
    rmSync(join(siteDir, 'codeact_tiny_dep-1.0.dist-info'), { recursive: true });
    const downloads = index.requests.length;
    const second = await asking.createSession({ siteDir });
    try {
      const execution = await second.execute({ code: 'import tiny_dep\nprint(tiny_dep.VALUE)' });
      expect(execution.stdout).toBe('7\n');
      expect(index.requests).toHaveLength(downloads);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('works the same in a session taken from the warm pool', async () => {
    const cacheDir = join(root, 'cache');
    const pooled = await createPythonExecutor({
      poolSize: 1,
      packages: { policy: 'allow', indexUrl: index.url, cacheDir },
    });
    try {
      const siteDir = join(root, 'pooled-site');
      const warm = await pooled.createSession({ siteDir });
      const execution = await warm.execute({
        code: '%pip install codeact-tiny-app\nimport tiny_app\nprint(tiny_app.ANSWER)',
      });
      expect(execution.stdout).toBe('Installed codeact-tiny-app 0.1, codeact-tiny-dep 1.0\n42\n');
      expect(warm.siteDir).toBe(siteDir);
      const stats = (pooled as unknown as { poolStats(): { servedWarm: number } }).poolStats();
      expect(stats.servedWarm).toBe(1);
      expect(readdirSync(siteDir)).toContain('tiny_app');
      await warm.close();
    } finally {
      await pooled.dispose();
    }
  }, 60_000);

  it('builds a source distribution on the host only with allowSdist', async () => {
    const cacheDir = join(root, 'cache');
    const building = await createPythonExecutor({
      packages: { policy: 'allow', indexUrl: index.url, cacheDir, allowSdist: true },
    });
    try {
      const other = await building.createSession();
      const code = 'install_packages(["codeact-source-only"])\nimport source_only\nprint(source_only.BUILT)';
      const execution = await other.execute({ code, timeoutMs: 120_000 });
      expect(execution.error).toBeUndefined();
      expect(execution.stdout).toBe('Installed codeact-source-only 1.0\nTrue\n');
      await other.close();
    } finally {
      await building.dispose();
    }
  }, 120_000);
});
