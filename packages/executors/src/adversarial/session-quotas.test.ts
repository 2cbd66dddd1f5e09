import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectCgroups } from '../cgroups/session-cgroup.js';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { waitUntilGone } from '../python/wait-for-tree.js';
import { exitWithoutClosing } from './exit-without-closing.js';
import { useSession } from './session-fixture.js';

const support = detectCgroups();
const mebibyte = 2 ** 20;

/** The v1/v2 cgroup directory of `pid` for `controller` (`''` selects the v2 line). */
function cgroupOf(pid: number, controller: string): string {
  const line = readFileSync(`/proc/${pid}/cgroup`, 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[1] === controller);
  const path = line?.split(':')[2] ?? '';
  return controller === '' ? join('/sys/fs/cgroup', path) : join('/sys/fs/cgroup', controller, path);
}

function pidWith(marker: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) return Number(entry);
    } catch {
      // Gone while we looked.
    }
  }
  return undefined;
}

describe.runIf(support.version !== undefined)('adversarial: per-session totals (cgroups)', () => {
  const fixture = useSession(() =>
    createPythonExecutor({ sessionMemoryBytes: 256 * mebibyte, sessionCpus: 0.5, maxProcesses: 40 }),
  );

  it('names the totals in force in the description', () => {
    expect(fixture.executor.description).toContain(
      `per session 256 MiB memory, 0.5 CPU, 40 tasks (cgroup v${support.version})`,
    );
  });

  it('puts every process of the session in one cgroup with the memory, CPU and task totals', async () => {
    const marker = `5${process.pid}${Date.now() % 100000}`;
    const pending = fixture.session.execute({
      code: `import subprocess\nsubprocess.run(["sleep", "${marker}"])`,
      timeoutMs: 60_000,
    });
    let child: number | undefined;
    await waitUntilGone(() => {
      child = pidWith(marker);
      return child === undefined;
    });
    if (child === undefined) throw new Error('the child was not found');
    const read = (controller: string, file: string) =>
      readFileSync(join(cgroupOf(child ?? 0, controller), file), 'utf8').trim();
    if (support.version === 1) {
      expect(read('memory', 'memory.limit_in_bytes')).toBe(String(256 * mebibyte));
      expect(read('pids', 'pids.max')).toBe('40');
      expect(read('cpu', 'cpu.cfs_quota_us')).toBe('50000');
      expect(read('cpu', 'cpu.cfs_period_us')).toBe('100000');
    } else {
      expect(read('', 'memory.max')).toBe(String(256 * mebibyte));
      expect(read('', 'pids.max')).toBe('40');
      expect(read('', 'cpu.max')).toBe('50000 100000');
    }
    process.kill(child, 'SIGKILL');
    await pending;
  });

  it('restarts the interpreter when the session reaches its memory total, and says which limit', async () => {
    await fixture.session.execute({ code: 'kept = 1' });
    const execution = await fixture.session.execute({
      code: 'print("before the hog", flush=True)\nhog = bytearray(600 * 2**20)',
    });
    expect(execution.stdout).toBe('before the hog\n');
    expect(execution.error?.name).toBe('MemoryError');
    expect(execution.error?.message).toBe('The memory limit of 256 MiB was reached; the interpreter was restarted.');
    expect(execution.stateLost).toBe(true);
    expect((await fixture.session.execute({ code: 'print("kept" in globals())' })).stdout).toBe('False\n');
  });

  it('counts the memory of child processes against the same total', async () => {
    await fixture.session.execute({ code: 'kept = 2' });
    const code = [
      'import subprocess',
      'child = subprocess.run(["/usr/bin/python3", "-c", "x = bytearray(600 * 2**20)"])',
      'print(child.returncode)',
      'raise SystemExit(1)',
    ].join('\n');
    const execution = await fixture.session.execute({ code });
    expect(execution.stdout).toBe('-9\n');
    expect(execution.stderr).toContain('[codeact: the memory limit of 256 MiB was reached; a process was killed.]');
    expect((await fixture.session.execute({ code: 'kept' })).result).toBe('2');
  });

  it('removes the session cgroup when the session closes', async () => {
    const own = await fixture.executor.createSession();
    const marker = `6${process.pid}${Date.now() % 100000}`;
    const pending = own
      .execute({ code: `import subprocess\nsubprocess.run(["sleep", "${marker}"])`, timeoutMs: 60_000 })
      .catch((error: unknown) => error);
    let child: number | undefined;
    await waitUntilGone(() => {
      child = pidWith(marker);
      return child === undefined;
    });
    const directory = cgroupOf(child ?? 0, support.version === 1 ? 'memory' : '');
    expect(readdirSync(directory)).toContain('cgroup.procs');
    await own.close();
    expect(String(await pending)).toMatch(/closed/);
    expect(() => readdirSync(directory)).toThrow();
  });

  it('kills the sessions and removes their cgroups when the host exits without closing them', () => {
    const built = fileURLToPath(new URL('../../dist/python/create-python-executor.js', import.meta.url));
    const { cgroups, remaining } = exitWithoutClosing(
      [
        `const { createPythonExecutor } = await import(${JSON.stringify(built)});`,
        'const session = await (await createPythonExecutor()).createSession();',
        "await session.execute({ code: 'print(1)' });",
      ],
      support,
    );
    expect(cgroups.length).toBe(1);
    expect(remaining).toEqual([]);
  });
});
