import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.js';
import { waitUntilGone } from './wait-for-tree.js';

const isRoot = process.getuid?.() === 0;
/** The host uid the sandbox must run as: never root. */
const expectedUid = isRoot ? 65534 : (process.getuid?.() ?? -1);

/** Host PIDs whose command line contains `marker`. */
function pidsRunning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (/^State:\s+Z/m.test(status)) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** Real, effective, saved and filesystem ids from the host's view of `pid`. */
function hostIds(pid: number, field: 'Uid' | 'Gid' | 'Groups' | 'PPid'): number[] {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((text) => text.startsWith(`${field}:`));
  return (line ?? '').split(/\s+/).slice(1).filter(Boolean).map(Number);
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  await waitUntilGone(() => !condition(), timeoutMs);
}

/** Python that blocks until `name` exists in the work directory (no timing in the test). */
function waitForFile(name: string): string {
  return `import os, time\nwhile not os.path.exists(${JSON.stringify(name)}):\n    time.sleep(0.01)`;
}

/** Python that forks `count` children, each exec'ing `sleep <marker>`, and prints how many forks worked. */
function forkChildren(count: number, marker: string): string {
  return [
    'import os',
    'started, failures = 0, set()',
    `for _ in range(${count}):`,
    '    try:',
    '        pid = os.fork()',
    '    except OSError as error:',
    '        failures.add(type(error).__name__)',
    '        continue',
    '    if pid == 0:',
    '        try:',
    `            os.execv("/bin/sleep", ["sleep", ${JSON.stringify(marker)}])`,
    '        finally:',
    '            os._exit(1)',
    '    started += 1',
    `print(started, ${count} - started, sorted(failures))`,
  ].join('\n');
}

describe.skipIf(process.platform !== 'linux')('PythonExecutor process limit and host uid', () => {
  let executor: Executor;
  let session: ExecutorSession;

  beforeAll(async () => {
    executor = await createPythonExecutor({ maxProcesses: 32 });
    session = await executor.createSession();
  });

  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
  });

  it('runs the interpreter and its children as an unprivileged host uid', async () => {
    expect(executor.description).toMatch(/under bubblewrap, /);
    const marker = `300.${process.pid}${Date.now() % 100000}1`;
    // Children live only as long as their action: this one waits for the test to release it.
    const release = join(session.workDir ?? '', 'release');
    const pending = session.execute({ code: `${forkChildren(1, marker)}\n${waitForFile('release')}` });
    await waitFor(() => pidsRunning(marker).length === 1);
    const [child] = pidsRunning(marker);
    if (child === undefined) throw new Error('the sleeping child was not found');
    const interpreter = hostIds(child, 'PPid')[0] ?? -1;
    expect(readFileSync(`/proc/${interpreter}/cmdline`, 'utf8')).toContain('codeact_repl');
    for (const pid of [child, interpreter]) {
      expect(hostIds(pid, 'Uid')).toEqual([expectedUid, expectedUid, expectedUid, expectedUid]);
      expect(hostIds(pid, 'Gid')).not.toContain(0);
      if (isRoot) expect(hostIds(pid, 'Groups')).toEqual([]);
    }
    writeFileSync(release, '');
    const execution = await pending;
    expect(execution.error).toBeUndefined();
    expect(execution.stdout.trim()).toBe('1 0 []');
    // Inside, the same process sees itself as uid 65534 with no capabilities.
    const inside = await session.execute({ code: 'import os\nos.getuid(), os.getgid()' });
    expect(inside.result).toBe('(65534, 65534)');
  });

  it('caps a fork bomb at maxProcesses, stops the survivors when the action ends, and stays usable', async () => {
    const marker = `300.${process.pid}${Date.now() % 100000}2`;
    const own = await executor.createSession();
    try {
      const limit = await own.execute({ code: 'import resource\nresource.getrlimit(resource.RLIMIT_NPROC)' });
      expect(limit.result).toBe('(32, 32)');
      const execution = await own.execute({ code: forkChildren(64, marker) });
      expect(execution.error).toBeUndefined();
      const [started = -1, failed = -1, names = ''] = execution.stdout.trim().split(/ (?=\S)/, 3);
      const count = Number(started);
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(32);
      expect(Number(failed)).toBe(64 - count);
      expect(names).toBe("['BlockingIOError']");
      expect(execution.stderr).toContain(`the action left ${count} processes running; stopped.`);
      await waitFor(() => pidsRunning(marker).length === 0);
      expect(pidsRunning(marker)).toEqual([]);
      // The interpreter survives and keeps its state.
      const after = await own.execute({ code: 'started + 1' });
      expect(after.error).toBeUndefined();
      expect(after.result).toBe(String(count + 1));
      expect(after.stateLost).toBeUndefined();
      // Other sessions are counted apart: their own budget is untouched.
      const other = await session.execute({ code: forkChildren(3, `300.${process.pid}${Date.now() % 100000}3`) });
      expect(other.stdout.trim()).toBe('3 0 []');
    } finally {
      await own.close();
    }
  });

  it.skipIf(!isRoot)(
    'hands a work directory it creates to the sandbox uid, and never chowns a foreign one',
    async () => {
      const parent = mkdtempSync(join(tmpdir(), 'codeact-runas-test-'));
      chmodSync(parent, 0o755);
      try {
        const fresh = join(parent, 'fresh');
        const created = await executor.createSession({ workDir: fresh });
        try {
          const execution = await created.execute({ code: 'open("note.txt", "w").write("hi")' });
          expect(execution.error).toBeUndefined();
          expect(statSync(join(fresh, 'note.txt')).uid).toBe(65534);
        } finally {
          await created.close();
        }
        // mkdtemp makes a directory 0700 for root: it is not chowned; that session runs as the host user instead.
        const foreign = mkdtempSync(join(parent, 'foreign-'));
        const borrowed = await executor.createSession({ workDir: foreign });
        try {
          const execution = await borrowed.execute({ code: 'open("note.txt", "w").write("hi")' });
          expect(execution.error).toBeUndefined();
          expect(statSync(foreign).uid).toBe(0);
          expect(statSync(join(foreign, 'note.txt')).uid).toBe(0);
        } finally {
          await borrowed.close();
        }
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(!isRoot)('hands an existing work directory inside its owned work root to the sandbox uid', async () => {
    const root = mkdtempSync(join(tmpdir(), 'codeact-owned-root-'));
    chmodSync(root, 0o755);
    const owned = createPythonExecutor({ ownedWorkRoot: root });
    try {
      const uploads = join(root, 'conversation-1');
      mkdirSync(uploads, { mode: 0o700 });
      writeFileSync(join(uploads, 'data.csv'), 'a,b\n1,2\n');
      const session = await (await owned).createSession({ workDir: uploads });
      try {
        const execution = await session.execute({
          code: 'import os\nopen("data.csv", "a").write("3,4\\n")\nopen("out.txt", "w").write("x")\nprint(os.getuid())',
        });
        expect(execution.error).toBeUndefined();
        expect(statSync(uploads).uid).toBe(65534);
        expect(statSync(join(uploads, 'out.txt')).uid).toBe(65534);
        expect(readFileSync(join(uploads, 'data.csv'), 'utf8')).toBe('a,b\n1,2\n3,4\n');
      } finally {
        await session.close();
      }
    } finally {
      await (await owned).dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('work directories the sandbox uid cannot reach', () => {
  it.skipIf(!isRoot)('run that session as the host user instead of failing', async () => {
    const hidden = mkdtempSync(join(tmpdir(), 'codeact-hidden-'));
    const owned = await createPythonExecutor({ ownedWorkRoot: hidden });
    try {
      const inside = join(hidden, 'conversation-2');
      mkdirSync(inside);
      const session = await owned.createSession({ workDir: inside });
      try {
        const execution = await session.execute({ code: 'open("out.txt", "w").write("x")' });
        expect(execution.error).toBeUndefined();
        expect(statSync(join(inside, 'out.txt')).uid).toBe(0);
      } finally {
        await session.close();
      }
    } finally {
      await owned.dispose();
      rmSync(hidden, { recursive: true, force: true });
    }
  });
});
