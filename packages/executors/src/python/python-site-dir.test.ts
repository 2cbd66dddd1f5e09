import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.js';

describe('PythonExecutor site dir', () => {
  let executor: Executor;
  let session: ExecutorSession;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'codeact-site-test-'));
    chmodSync(root, 0o755);
    executor = await createPythonExecutor();
    session = await executor.createSession();
  });

  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const run = async (target: ExecutorSession, code: string) => {
    const execution = await target.execute({ code });
    expect(execution.error).toBeUndefined();
    return execution.stdout.trim();
  };

  it('is on sys.path from the start, before the system packages, even while empty', async () => {
    const siteDir = session.siteDir;
    expect(siteDir).toBeDefined();
    const path = JSON.parse(await run(session, 'import json, sys\nprint(json.dumps(sys.path))')) as string[];
    expect(path).toContain('/codeact/site');
    expect(path.indexOf('/codeact/site')).toBeLessThan(path.findIndex((entry) => entry.endsWith('dist-packages')));
  });

  it('makes a module the host writes there importable after invalidate_caches', async () => {
    await run(session, 'import importlib\ntry:\n    import site_probe\nexcept ImportError:\n    print("missing")');
    writeFileSync(join(session.siteDir ?? '', 'site_probe.py'), 'VALUE = 42\n');
    expect(await run(session, 'importlib.invalidate_caches()\nimport site_probe\nprint(site_probe.VALUE)')).toBe('42');
  });

  it('is read-only inside the sandbox', async () => {
    const execution = await session.execute({ code: "open('/codeact/site/mine.py', 'w')" });
    expect(execution.error?.name).toBe('OSError');
    expect(execution.error?.message).toMatch(/Read-only file system/);
    expect(existsSync(join(session.siteDir ?? '', 'mine.py'))).toBe(false);
  });

  it('keeps a given site dir on close and removes its own', async () => {
    const given = join(root, 'site');
    const kept = await executor.createSession({ siteDir: given });
    expect(kept.siteDir).toBe(given);
    writeFileSync(join(given, 'given_probe.py'), 'NAME = "given"\n');
    expect(await run(kept, 'import given_probe\nprint(given_probe.NAME)')).toBe('given');
    await kept.close();
    expect(existsSync(join(given, 'given_probe.py'))).toBe(true);
    const own = await executor.createSession();
    const ownDir = own.siteDir ?? '';
    expect(existsSync(ownDir)).toBe(true);
    await own.close();
    expect(existsSync(ownDir)).toBe(false);
  });

  it('keeps the same site dir across a crash restart', async () => {
    const crashed = await session.execute({ code: 'import os\nos._exit(3)' });
    expect(crashed.error).toBeDefined();
    expect(await run(session, 'import site_probe\nprint(site_probe.VALUE)')).toBe('42');
  });
});
