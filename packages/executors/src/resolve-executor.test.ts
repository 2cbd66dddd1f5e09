import { ExecutorUnavailableError } from '@codeact/core';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveExecutor } from './resolve-executor.js';

describe('resolveExecutor', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('prefers sandboxed CPython when bubblewrap and python3 are present', async () => {
    const { executor, explanation } = await resolveExecutor();
    try {
      expect(executor.executorId).toBe('python');
      expect(explanation).toMatch(
        /^Interpreter: CPython 3\.\d+\.\d+ \(\/usr\/bin\/python3\) under bubblewrap, (per session 1 GiB memory, 1 CPU, 64 tasks \(cgroup v[12]\)|no per-session totals \(.+\)) \(auto: bubblewrap and python3 found\)\.$/,
      );
    } finally {
      await executor.dispose();
    }
  });

  it('uses CPython without a sandbox only when told to', async () => {
    const { executor, explanation } = await resolveExecutor({ interpreter: 'auto', sandbox: false });
    try {
      expect(explanation).toContain('without a sandbox (auto: sandbox disabled by the caller)');
    } finally {
      await executor.dispose();
    }
  });

  it('falls back to Pyodide when bubblewrap is missing, saying why', async () => {
    process.env.PATH = '/nonexistent';
    const { executor, explanation } = await resolveExecutor({ pyodide: { poolSize: 0, memorySnapshot: false } });
    try {
      expect(executor.executorId).toBe('pyodide');
      expect(explanation).toMatch(
        /\(auto: bubblewrap is not installed \(`apt-get install bubblewrap` enables sandboxed CPython\); Pyodide has only the standard library offline: no numpy, pandas or matplotlib, so no plots\)\.$/,
      );
    } finally {
      await executor.dispose();
    }
  });

  it('takes Pyodide when asked for it', async () => {
    const { executor, explanation } = await resolveExecutor({ interpreter: 'pyodide', pyodide: { poolSize: 0 } });
    try {
      expect(executor.executorId).toBe('pyodide');
      expect(explanation).toMatch(
        /^Interpreter: .*Pyodide.* \(requested; Pyodide has only the standard library offline: no numpy, pandas or matplotlib, so no plots\)\.$/,
      );
    } finally {
      await executor.dispose();
    }
  });

  it('refuses an explicit python request when bubblewrap is missing', async () => {
    process.env.PATH = '/nonexistent';
    await expect(resolveExecutor({ interpreter: 'python' })).rejects.toBeInstanceOf(ExecutorUnavailableError);
  });
});
