import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { waitUntilGone } from '../python/wait-for-tree.js';
import { useSession } from './session-fixture.js';

/** Host PIDs of live (non-zombie) processes whose command line contains `marker`. */
function running(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/^State:\s+Z/m.test(readFileSync(`/proc/${entry}/status`, 'utf8'))) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

const marker = (n: number) => `4${process.pid}${Date.now() % 100000}${n}`;

describe('adversarial: nothing an action starts outlives it (CPython sandbox)', () => {
  const fixture = useSession(() => createPythonExecutor({ maxProcesses: 32, interruptGraceMs: 5000 }));

  it('stops a sleeping child, a double-forked daemon and fork-bomb survivors when the action ends', async () => {
    const sleeper = marker(1);
    const daemon = marker(2);
    const bomb = marker(3);
    const code = [
      'import os, subprocess',
      `child = subprocess.Popen(["sleep", "${sleeper}"])`,
      'if os.fork() == 0:',
      '    os.setsid()',
      '    if os.fork() == 0:',
      `        os.execv("/bin/sleep", ["sleep", "${daemon}"])`,
      '    os._exit(0)',
      'for _ in range(100):',
      '    try:',
      '        if os.fork() == 0:',
      `            os.execv("/bin/sleep", ["sleep", "${bomb}"])`,
      '    except OSError:',
      '        break',
      'kept = "state"',
    ].join('\n');
    const execution = await fixture.session.execute({ code });
    expect(execution.error).toBeUndefined();
    expect(execution.stderr).toMatch(/\[codeact: the action left \d+ processes running; stopped\.\]/);
    await waitUntilGone(() => [sleeper, daemon, bomb].some((each) => running(each).length > 0));
    expect([sleeper, daemon, bomb].flatMap(running)).toEqual([]);
    const after = await fixture.session.execute({
      code: 'import os\nprint(kept, sorted(p for p in os.listdir("/proc") if p.isdigit()))',
    });
    expect(after.stdout).toBe("state ['1', '2']\n");
  });

  it('says nothing when the action waited for its children', async () => {
    const execution = await fixture.session.execute({ code: 'import subprocess\nsubprocess.run(["true"])' });
    expect(execution.stderr).toBe('');
  });

  it('restarts the interpreter when a timed-out action leaves threads running, and says so', async () => {
    await fixture.session.execute({ code: 'before_threads = 1' });
    const code = [
      'import threading',
      'def burn():',
      '    while True:',
      '        pass',
      'for _ in range(2):',
      '    threading.Thread(target=burn, daemon=True).start()',
      'import time',
      'time.sleep(60)',
    ].join('\n');
    const execution = await fixture.session.execute({ code, timeoutMs: 300 });
    expect(execution.timedOut).toBe(true);
    expect(execution.stateLost).toBe(true);
    expect(execution.error?.name).toBe('TimeoutError');
    expect(execution.error?.message).toBe(
      'Timed out after 0.3 seconds. 2 threads it started kept running, so the interpreter was restarted.',
    );
    const after = await fixture.session.execute({
      code: 'import threading\nprint("before_threads" in globals(), threading.active_count())',
    });
    expect(after.stdout).toBe('False 1\n');
    expect(after.stateLost).toBeUndefined();
  });

  it('keeps the state of a timed-out action whose threads have ended', async () => {
    await fixture.session.execute({ code: 'still_here = 1' });
    const code = 'import threading, time\nthreading.Thread(target=lambda: None).start()\ntime.sleep(60)';
    const execution = await fixture.session.execute({ code, timeoutMs: 300 });
    expect(execution.timedOut).toBe(true);
    expect(execution.stateLost).toBeUndefined();
    expect((await fixture.session.execute({ code: 'still_here' })).result).toBe('1');
  });
});
