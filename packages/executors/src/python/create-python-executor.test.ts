import { ExecutorUnavailableError } from '@codeact/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.js';
import { findExecutable } from './find-executable.js';

describe('createPythonExecutor', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('refuses to start without bubblewrap and says how to fix it', async () => {
    process.env.PATH = '/nonexistent';
    const error = await createPythonExecutor().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExecutorUnavailableError);
    expect((error as Error).message).toContain('apt-get install bubblewrap');
    expect((error as Error).message).toContain('--no-sandbox');
  });

  it('refuses a bwrap path that does not exist', async () => {
    await expect(createPythonExecutor({ bwrapPath: '/nonexistent/bwrap' })).rejects.toThrow(/bubblewrap/);
  });

  it('runs without bubblewrap when the sandbox is explicitly off', async () => {
    process.env.PATH = '/nonexistent';
    const executor = await createPythonExecutor({ sandbox: false });
    try {
      expect(executor.description).toMatch(/^CPython 3\.\d+\.\d+ \(\/usr\/bin\/python3\) without a sandbox$/);
      const session = await executor.createSession();
      const execution = await session.execute({ code: 'import os\nos.getcwd() == os.environ["HOME"]' });
      expect(execution.result).toBe('True');
    } finally {
      await executor.dispose();
    }
  });

  it('refuses a missing interpreter', async () => {
    const error = await createPythonExecutor({ pythonPath: '/nonexistent/python3' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExecutorUnavailableError);
    expect((error as Error).message).toContain('/nonexistent/python3');
  });

  it('takes the interpreter from CODEACT_PYTHON', async () => {
    process.env.CODEACT_PYTHON = '/nonexistent/from-env';
    try {
      await expect(createPythonExecutor()).rejects.toThrow('/nonexistent/from-env');
    } finally {
      delete process.env.CODEACT_PYTHON;
    }
  });

  it('closes its sessions on dispose and refuses new ones', async () => {
    const executor = await createPythonExecutor();
    const session = await executor.createSession();
    await executor.dispose();
    await expect(session.execute({ code: '1' })).rejects.toThrow(/closed/);
    await expect(executor.createSession()).rejects.toThrow(/disposed/);
  });
});

describe('findExecutable', () => {
  it('finds programs on the search path and nothing elsewhere', () => {
    expect(findExecutable('sh', '/nonexistent:/bin')).toBe('/bin/sh');
    expect(findExecutable('sh', '/nonexistent')).toBeUndefined();
    expect(findExecutable('sh', 'relative/dir')).toBeUndefined();
  });
});
