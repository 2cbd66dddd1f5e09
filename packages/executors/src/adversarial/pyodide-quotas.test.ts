import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectCgroups } from '../cgroups/session-cgroup.js';
import { createPyodideExecutor } from '../pyodide/pyodide-executor.js';
import { waitUntilGone } from '../python/wait-for-tree.js';
import { exitWithoutClosing } from './exit-without-closing.js';
import { useSession } from './session-fixture.js';

const support = detectCgroups();
const mebibyte = 2 ** 20;

/** The cgroup directories the executor made for Pyodide children (v1: under the memory controller's `codeact/`). */
function pyodideCgroups(): string[] {
  if (support.version === undefined) return [];
  const parent = support.version === 1 ? `${support.roots.memory}/codeact` : support.root;
  try {
    return readdirSync(parent).filter((name) => name.includes('pyodide-'));
  } catch {
    return [];
  }
}

/** Names of the cgroups holding a process whose command line contains `tag`. */
function taggedCgroups(tag: string): string[] {
  const names = new Set<string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(tag)) continue;
      for (const line of readFileSync(`/proc/${entry}/cgroup`, 'utf8').split('\n')) {
        if (line.includes('pyodide-')) names.add(line.slice(line.lastIndexOf('/') + 1));
      }
    } catch {
      // Gone while we looked.
    }
  }
  return [...names];
}

describe.runIf(support.version !== undefined)('adversarial: Pyodide per-interpreter totals (cgroups)', () => {
  const fixture = useSession(() =>
    createPyodideExecutor({ poolSize: 1, sessionMemoryBytes: 448 * mebibyte, sessionCpus: 0.5, maxTasks: 48 }),
  );

  it('names the totals in force in the description', () => {
    expect(fixture.executor.description).toContain(
      `per session 448 MiB memory, 0.5 CPU, 48 tasks (cgroup v${support.version})`,
    );
  });

  it('ends an action that allocates past the memory total with that limit named, and the session works after', async () => {
    const execution = await fixture.session.execute({
      code: 'print("before", flush=True)\nchunks = [b"x" * (32 * 2**20) for _ in range(40)]\nprint(len(chunks))',
      timeoutMs: 120_000,
    });
    expect(execution.error?.name).toBe('MemoryError');
    expect(execution.error?.message).toBe('The memory limit of 448 MiB was reached; the interpreter was restarted.');
    expect(execution.stateLost).toBe(true);
    const after = await fixture.session.execute({ code: 'print(6 * 7)', timeoutMs: 120_000 });
    expect(after.error).toBeUndefined();
    expect(after.stdout).toBe('42\n');
  });

  it('gives every interpreter process its own cgroup and removes it when the process ends', async () => {
    const tag = `cgroup-${process.pid}-${Date.now()}`;
    const executor = createPyodideExecutor({ poolSize: 1, memorySnapshot: false, processTag: tag });
    await executor.warmUp();
    const session = await executor.createSession();
    await executor.warmUp();
    const mine = taggedCgroups(tag);
    // The session's interpreter and the pool member started to replace it.
    expect(mine.length).toBe(2);
    await session.close();
    await executor.dispose();
    await waitUntilGone(() => pyodideCgroups().some((name) => mine.includes(name)));
    expect(pyodideCgroups().filter((name) => mine.includes(name))).toEqual([]);
  });

  it('removes the cgroups of the interpreters a host kills when it exits without disposing', () => {
    const built = fileURLToPath(new URL('../../dist/pyodide/index.js', import.meta.url));
    const { cgroups, remaining } = exitWithoutClosing(
      [
        `const { createPyodideExecutor } = await import(${JSON.stringify(built)});`,
        'const executor = createPyodideExecutor({ poolSize: 1 });',
        'const session = await executor.createSession();',
        "await session.execute({ code: 'print(6 * 7)' });",
        'await executor.warmUp();',
      ],
      support,
    );
    // The session's interpreter and the pool member started to replace it.
    expect(cgroups.length).toBe(2);
    expect(remaining).toEqual([]);
  });
});
