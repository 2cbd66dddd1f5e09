import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { useSession } from './session-fixture.js';

/** x86-64 numbers of system calls the filter denies (see `deniedSyscalls`). */
const denied: Record<string, number> = {
  ptrace: 101,
  mount: 165,
  bpf: 321,
  keyctl: 250,
  perf_event_open: 298,
  userfaultfd: 323,
  unshare: 272,
  setns: 308,
  process_vm_readv: 310,
  open_by_handle_at: 304,
  io_uring_setup: 425,
};

describe.runIf(process.arch === 'x64')('adversarial: seccomp filter of the CPython sandbox', () => {
  const fixture = useSession(() => createPythonExecutor());

  it('says so in the description when it is in force', () => {
    expect(fixture.executor.description).not.toContain('no seccomp filter');
  });

  it('refuses kernel debugging, tracing, key and mount interfaces with EPERM', async () => {
    const code = [
      'import ctypes, errno',
      'libc = ctypes.CDLL(None, use_errno=True)',
      `calls = ${JSON.stringify(denied)}`,
      'result = {}',
      'for name, number in calls.items():',
      '    ctypes.set_errno(0)',
      '    value = libc.syscall(number, 0, 0, 0, 0, 0)',
      '    result[name] = errno.errorcode.get(ctypes.get_errno(), "OK") if value == -1 else "ALLOWED"',
      'print(sorted(set(result.values())), sorted(result))',
    ].join('\n');
    const execution = await fixture.session.execute({ code });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout.trim()).toBe(`['EPERM'] ${pythonList(Object.keys(denied).sort())}`);
  });

  it('still runs threads, subprocesses and the scientific stack', async () => {
    const code = [
      'import subprocess, threading, numpy',
      'box = []',
      'thread = threading.Thread(target=lambda: box.append(1))',
      'thread.start(); thread.join()',
      'print(box, subprocess.run(["echo", "child"], capture_output=True, text=True).stdout.strip(), numpy.arange(3).sum())',
    ].join('\n');
    const execution = await fixture.session.execute({ code });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('[1] child 3\n');
  });
});

function pythonList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(', ')}]`;
}
