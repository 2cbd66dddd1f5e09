import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Executor, ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPyodideExecutor } from '../pyodide/pyodide-executor.js';
import { serveTestIndex, type TestIndex } from './testing/serve-test-index.js';

const lockFile = join(dirname(createRequire(import.meta.url).resolve('pyodide/package.json')), 'pyodide-lock.json');

describe('packages on demand (Pyodide)', () => {
  let root: string;
  let index: TestIndex;
  let executor: Executor;
  let session: ExecutorSession;
  let sixFile: string;
  let packages: { policy: 'allow'; indexUrl: string; cacheDir: string; pyodideIndexUrl: string };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'codeact-pyodide-packages-'));
    chmodSync(root, 0o755);
    index = await serveTestIndex(join(root, 'index'));
    // A local "Pyodide index" holding a file named like one of its packages, but with other bytes.
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, { file_name: string }> };
    sixFile = lock.packages.six?.file_name ?? '';
    mkdirSync(join(root, 'pyodide-index'));
    writeFileSync(join(root, 'pyodide-index', sixFile), 'not the wheel');
    packages = {
      policy: 'allow' as const,
      indexUrl: index.url,
      cacheDir: join(root, 'cache'),
      pyodideIndexUrl: join(root, 'pyodide-index'),
    };
    executor = createPyodideExecutor({ poolSize: 0, packages });
    session = await executor.createSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
    await index?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('installs pure-Python wheels (with a dependency) fetched by the host, with %pip install', async () => {
    const code = '%pip install codeact-tiny-app\nimport tiny_app\nprint(tiny_app.ANSWER)';
    const execution = await session.execute({ code, timeoutMs: 120_000 });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('Installed codeact-tiny-app 0.1, codeact-tiny-dep 1.0\n42\n');
  }, 120_000);

  it('puts the installed packages back into an interpreter that replaced a dead one', async () => {
    const stopped = await session.execute({ code: 'sum(range(10**12))', timeoutMs: 200 });
    expect(stopped.stateLost).toBe(true);
    const execution = await session.execute({ code: 'import tiny_app\nprint(tiny_app.ANSWER)' });
    expect(execution.stateLost).toBeUndefined();
    expect(execution.stdout).toBe('42\n');
  }, 60_000);

  it("checks Pyodide's own packages against its lock file, and says when its index cannot be reached", async () => {
    expect(sixFile).toMatch(/\.whl$/);
    const altered = await session.execute({ code: 'install_packages(["six"])' });
    expect(altered.error?.name).toBe('ToolError');
    expect(altered.error?.message).toContain(`${sixFile}: its sha256 is`);
    expect(altered.error?.message).toMatch(/as the index says: refused/);
    const missing = await session.execute({ code: 'install_packages(["micropip"])' });
    expect(missing.error?.message).toMatch(
      /micropip is one of Pyodide's own packages, but .* could not be fetched from/,
    );
  }, 60_000);

  it('keeps what a session installed in a given site dir: the next session starts with it and asks nobody again', async () => {
    const siteDir = join(root, 'site');
    const first = await executor.createSession({ siteDir });
    try {
      const installed = await first.execute({ code: '%pip install codeact-tiny-app', timeoutMs: 120_000 });
      expect(installed.error).toBeUndefined();
    } finally {
      await first.close();
    }
    expect(JSON.parse(readFileSync(join(siteDir, 'codeact-packages.json'), 'utf8'))).toEqual([
      expect.objectContaining({ name: 'codeact-tiny-app', version: '0.1' }),
      expect.objectContaining({ name: 'codeact-tiny-dep', version: '1.0' }),
    ]);
    // Under `ask` with nobody to ask (a server's replay), only what was recorded goes through.
    const asking = createPyodideExecutor({ poolSize: 0, packages: { ...packages, policy: 'ask' } });
    const second = await asking.createSession({ siteDir });
    try {
      const imported = await second.execute({ code: 'import tiny_app\nprint(tiny_app.ANSWER)' });
      expect(imported.stdout).toBe('42\n');
      const repeated = await second.execute({ code: '%pip install codeact-tiny-app' });
      expect(repeated.error).toBeUndefined();
      expect(repeated.stdout).toBe('Installed codeact-tiny-app 0.1\n');
      const other = await second.execute({ code: 'install_packages(["codeact-tiny-app==9.9"])' });
      expect(other.error?.name).toBe('PermissionError');
    } finally {
      await second.close();
      await asking.dispose();
    }
  }, 180_000);
});
