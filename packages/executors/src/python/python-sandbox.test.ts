import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.js';

const canaryName = 'CODEACT_SANDBOX_CANARY';
const canaryValue = `canary-${process.pid}-${Date.now()}`;

describe('PythonExecutor sandbox', () => {
  let executor: Executor;
  let session: ExecutorSession;
  let workDir: string;

  beforeAll(async () => {
    process.env[canaryName] = canaryValue;
    workDir = mkdtempSync(join(tmpdir(), 'codeact-sandbox-test-'));
    // As root the sandbox runs as host uid 65534: an existing work directory must be writable by it.
    if (process.getuid?.() === 0) chownSync(workDir, 65534, 65534);
    executor = await createPythonExecutor();
    session = await executor.createSession({ workDir });
  });

  afterAll(async () => {
    delete process.env[canaryName];
    await session?.close();
    await executor?.dispose();
    rmSync(workDir, { recursive: true, force: true });
  });

  const run = async (code: string) => {
    const execution = await session.execute({ code });
    expect(execution.error).toBeUndefined();
    return execution.stdout.trim();
  };

  it('describes itself as CPython under bubblewrap', () => {
    expect(executor.executorId).toBe('python');
    expect(executor.description).toMatch(
      /^CPython 3\.\d+\.\d+ \(\/usr\/bin\/python3\) under bubblewrap, (per session 1 GiB memory, 1 CPU, 64 tasks \(cgroup v[12]\)|no per-session totals \(.+\))$/,
    );
  });

  it('cannot reach the network', async () => {
    const code = [
      'import socket',
      'def attempt(address):',
      '    s = socket.socket()',
      '    s.settimeout(2)',
      '    try:',
      '        s.connect(address)',
      '        return "connected"',
      '    except OSError as error:',
      '        return type(error).__name__ + ":" + str(error.errno)',
      'print(attempt(("1.1.1.1", 53)), attempt(("10.0.0.1", 80)))',
      'print(sorted(name for _, name in socket.if_nameindex()))',
    ].join('\n');
    expect(await run(code)).toBe("OSError:101 OSError:101\n['lo']");
  });

  it('runs as an unprivileged user without capabilities', async () => {
    const output = await run(
      'import os\nstatus = open("/proc/self/status").read()\ncaps = [l for l in status.splitlines() if l.startswith("CapEff")]\nprint(os.getuid(), caps[0].split()[1])',
    );
    expect(output).toBe('65534 0000000000000000');
  });

  it('cannot write outside the work directory', async () => {
    const hostProbe = `codeact-escape-${process.pid}`;
    const code = [
      'import os',
      'results = []',
      `for path in ("/usr/codeact-probe", "/etc/codeact-probe", ${JSON.stringify(join(tmpdir(), hostProbe))}, "/codeact/x", "/dev/x"):`,
      '    try:',
      '        open(path, "w").write("x")',
      '        results.append("wrote")',
      '    except OSError as error:',
      '        results.append(type(error).__name__)',
      'print(results)',
    ].join('\n');
    // /tmp inside is a private tmpfs: writable, but the host's /tmp never sees the file.
    expect(await run(code)).toBe("['OSError', 'OSError', 'wrote', 'OSError', 'OSError']");
    expect(existsSync(join(tmpdir(), hostProbe))).toBe(false);
  });

  it('bounds its memory-backed scratch space', async () => {
    const output = await run(
      'import os\nprint([os.statvfs(p).f_blocks * os.statvfs(p).f_frsize // 2**20 for p in ("/tmp", "/dev/shm")])',
    );
    expect(output).toBe('[256, 256]');
  });

  it('sees neither the server files nor the home directory', async () => {
    const paths = [process.cwd(), homedir(), '/etc/shadow', '/etc/hostname', '/root'];
    const output = await run(`import os\nprint([os.path.exists(p) for p in ${JSON.stringify(paths)}])`);
    expect(output).toBe('[False, False, False, False, False]');
  });

  it('does not inherit the host environment', async () => {
    const output = await run(
      `import os, glob\nleaks = [p for p in glob.glob("/proc/*/environ") if ${JSON.stringify(canaryValue)} in open(p, errors="replace").read()]\nprint(os.environ.get(${JSON.stringify(canaryName)}), leaks, sorted(os.environ)[:3])`,
    );
    expect(output).toBe("None [] ['HOME', 'LANG', 'MKL_NUM_THREADS']");
  });

  it('shares the work directory with the host, both ways', async () => {
    writeFileSync(join(workDir, 'from-host.txt'), 'hello from the host');
    const output = await run(
      'import os\nopen("from-python.txt", "w").write("hello from python")\nprint(os.getcwd(), open("from-host.txt").read())',
    );
    expect(output).toBe('/work hello from the host');
    expect(readFileSync(join(workDir, 'from-python.txt'), 'utf8')).toBe('hello from python');
  });

  it('applies resource limits before any user code', async () => {
    const output = await run(
      'import resource as r\nprint([r.getrlimit(k)[0] for k in (r.RLIMIT_AS, r.RLIMIT_NOFILE, r.RLIMIT_CORE, r.RLIMIT_NPROC)])',
    );
    expect(output).toBe(`[${2048 * 1024 * 1024}, 256, 0, 64]`);
    const execution = await session.execute({ code: 'block = bytearray(3 * 1024 ** 3)' });
    expect(execution.error?.name).toBe('MemoryError');
    expect(execution.stateLost).toBeUndefined();
  });
});
