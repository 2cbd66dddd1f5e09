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

  it('restarts the interpreter when an action that ended normally leaves a thread running, and says so', async () => {
    await fixture.session.execute({ code: 'kept_before = 1' });
    const code = [
      'import threading, time',
      'def poll():',
      '    while True:',
      '        time.sleep(0.05)',
      'threading.Thread(target=poll, daemon=True).start()',
      'print("started")',
    ].join('\n');
    const execution = await fixture.session.execute({ code });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('started\n');
    expect(execution.stderr).toBe('[codeact: the action left 1 thread running; the interpreter was restarted.]\n');
    expect(execution.stateLost).toBe(true);
    const after = await fixture.session.execute({
      code: 'import threading\nprint("kept_before" in globals(), threading.active_count())',
    });
    expect(after.stdout).toBe('False 1\n');
  });

  it('keeps the interpreter when threads the action started finish soon after it, or idle in a pool', async () => {
    const code = [
      'import threading, time, concurrent.futures, queue',
      'threading.Thread(target=lambda: time.sleep(0.05)).start()',
      'pool = concurrent.futures.ThreadPoolExecutor(2)',
      'print(sum(pool.map(abs, [-1, -2, -3])))',
      'jobs = queue.Queue()',
      'threading.Thread(target=lambda: jobs.get(), daemon=True).start()',
      'done = threading.Event()',
      'threading.Thread(target=done.wait, daemon=True).start()',
    ].join('\n');
    const execution = await fixture.session.execute({ code });
    expect(execution.stderr).toBe('');
    expect(execution.stateLost).toBeUndefined();
    const again = await fixture.session.execute({ code: 'print(sum(pool.map(abs, [-4])))\njobs.put(1)\ndone.set()' });
    expect(again.stdout).toBe('4\n');
    expect(again.stderr).toBe('');
    expect(again.stateLost).toBeUndefined();
  });

  it('keeps the interpreter after pandas, scikit-learn and a matplotlib figure', async () => {
    const code = [
      'import pandas as pd, sklearn.linear_model, matplotlib.pyplot as plt',
      'frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, 6.0]})',
      'model = sklearn.linear_model.LinearRegression().fit(frame[["x"]], frame["y"])',
      'plt.plot(frame["x"], frame["y"])',
      'print(round(float(model.coef_[0]), 3))',
    ].join('\n');
    const execution = await fixture.session.execute({ code, timeoutMs: 120_000 });
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('2.0\n');
    expect(execution.artifacts.length).toBe(1);
    expect(execution.stderr).toBe('');
    expect(execution.stateLost).toBeUndefined();
  });
});
