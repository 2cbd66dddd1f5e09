import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToolHost, defineTool } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { detectCgroups } from '../cgroups/session-cgroup.js';
import { createPythonExecutor } from './create-python-executor.js';
import type { PythonExecutor } from './python-executor.js';

const isRoot = process.getuid?.() === 0;
const cgroups = detectCgroups();

/** The CPU weight of a session's cgroup (`cpu.shares` on v1, `cpu.weight` on v2), when there is one. */
function cpuWeightOf(sessionId: string): string | undefined {
  if (cgroups.version === undefined) return undefined;
  const file =
    cgroups.version === 2
      ? join(cgroups.root, `codeact-${sessionId}`, 'cpu.weight')
      : join(cgroups.roots.cpu, 'codeact', sessionId, 'cpu.shares');
  return readFileSync(file, 'utf8').trim();
}

const tools = createToolHost([
  defineTool({
    name: 'double',
    description: 'Twice n.',
    parameters: z.object({ n: z.number() }),
    execute: ({ n }) => 2 * n,
  }),
]);

describe('python executor with a warm pool', () => {
  let root: string;
  let executor: PythonExecutor;
  const reported: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'codeact-pool-test-'));
    chmodSync(root, 0o755);
    executor = await createPythonExecutor({
      preload: ['json', 'decimal', 'no_such_module_here'],
      onPreloadFailed: (failure) => reported.push(failure.module),
      poolSize: 2,
      ownedWorkRoot: root,
    });
    await executor.whenPoolFull();
  });

  afterAll(async () => {
    await executor?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps preloaded members idle, reports their memory and the modules that failed', async () => {
    const stats = executor.poolStats();
    expect(stats?.size).toBe(2);
    expect(stats?.idle).toBe(2);
    expect(stats?.preload).toEqual(['json', 'decimal']);
    expect(stats?.preloadFailed.map((failure) => failure.module)).toEqual(['no_such_module_here']);
    expect(stats?.preloadFailed[0]?.error).toMatch(/ModuleNotFoundError/);
    expect(reported).toEqual(['no_such_module_here']);
    for (const member of stats?.idleMembers ?? []) expect(member.rssBytes).toBeGreaterThan(member.pssBytes / 2);
    expect(stats?.idleMembers).toHaveLength(2);
    expect(readdirSync(join(root, '.pool')).filter((name) => name.endsWith('.site'))).toHaveLength(2);
    expect(readdirSync(join(root, '.pool'))).toHaveLength(4);
    // Idle members yield the CPU to sessions in use.
    const members = readdirSync(join(root, '.pool')).filter((name) => !name.endsWith('.site'));
    for (const id of members) expect(cpuWeightOf(id) ?? '64').toBe(cgroups.version === 2 ? '10' : '64');
  });

  it("hands out a member whose namespace is a cold session's, the preload only in sys.modules", async () => {
    const code = [
      'import sys',
      "print(sorted(name for name in globals() if not name.startswith('__')), double(21))",
      "print('decimal' in sys.modules, 'decimal' in globals())",
    ].join('\n');
    const coldExecutor = await createPythonExecutor();
    const cold = await coldExecutor.createSession({ tools });
    const before = executor.poolStats()?.servedWarm ?? 0;
    const session = await executor.createSession({ tools });
    try {
      const [warmRun, coldRun] = await Promise.all([session.execute({ code }), cold.execute({ code })]);
      expect(warmRun.error).toBeUndefined();
      const [warmNames, warmModules] = warmRun.stdout.split('\n');
      const [coldNames] = coldRun.stdout.split('\n');
      expect(warmNames).toBe(coldNames);
      expect(warmNames).toContain("'double', 'sys'] 42");
      expect(warmModules).toBe('True False');
      expect(warmRun.executionCount).toBe(1);
      expect(cpuWeightOf(session.sessionId) ?? '1024').toBe(cgroups.version === 2 ? '100' : '1024');
      expect(executor.poolStats()?.servedWarm).toBe(before + 1);
    } finally {
      await Promise.all([session.close(), coldExecutor.dispose()]);
    }
  });

  it('moves the member into the requested work dir, keeping the files already there', async () => {
    const conversation = join(root, 'conversation-1');
    mkdirSync(conversation, { mode: 0o700 });
    writeFileSync(join(conversation, 'data.csv'), 'a,b\n1,2\n');
    const session = await executor.createSession({ workDir: conversation });
    try {
      expect(session.workDir).toBe(conversation);
      const execution = await session.execute({
        code: 'import os\nopen("out.txt", "w").write(open("data.csv").read().upper())\nprint(sorted(os.listdir(".")), os.getcwd())',
      });
      expect(execution.stdout).toBe("['data.csv', 'out.txt'] /work\n");
      expect(readdirSync(conversation).sort()).toEqual(['data.csv', 'out.txt']);
      if (isRoot) expect(statSync(join(conversation, 'out.txt')).uid).toBe(65534);
      // A restart after a crash is cold, with the same directory and preload.
      const crashed = await session.execute({ code: 'import os\nos._exit(3)' });
      expect(crashed.stateLost).toBe(true);
      const after = await session.execute({
        code: 'import sys\nprint(sorted(os.listdir(".")), "decimal" in sys.modules)',
      });
      expect(after.error?.name).toBe('NameError');
      const again = await session.execute({
        code: 'import os, sys\nprint(sorted(os.listdir(".")), "decimal" in sys.modules)',
      });
      expect(again.stdout).toBe("['data.csv', 'out.txt'] True\n");
    } finally {
      await session.close();
    }
    expect(readdirSync(conversation).sort()).toEqual(['data.csv', 'out.txt']);
  });

  it("moves the member's site dir to a requested one with the packages already installed there", async () => {
    const siteDir = join(root, '.site', 'conversation-2');
    mkdirSync(siteDir, { recursive: true });
    writeFileSync(join(siteDir, 'installed_before.py'), 'VALUE = 7\n');
    const warm = executor.poolStats()?.servedWarm ?? 0;
    const session = await executor.createSession({ workDir: join(root, 'conversation-2'), siteDir });
    try {
      expect(session.siteDir).toBe(siteDir);
      expect(executor.poolStats()?.servedWarm).toBe(warm + 1);
      const execution = await session.execute({ code: 'import installed_before\nprint(installed_before.VALUE)' });
      expect(execution.stdout).toBe('7\n');
      writeFileSync(join(siteDir, 'installed_later.py'), 'VALUE = 8\n');
      const later = await session.execute({
        code: 'import importlib\nimportlib.invalidate_caches()\nimport installed_later\nprint(installed_later.VALUE)',
      });
      expect(later.stdout).toBe('8\n');
      const own = await executor.createSession();
      try {
        expect(own.siteDir).toMatch(/\.pool\/[^/]+\.site$/);
        const isolated = await own.execute({ code: 'import os\nprint(os.listdir("/codeact/site"))' });
        expect(isolated.stdout).toBe('[]\n');
      } finally {
        await own.close();
      }
    } finally {
      await session.close();
    }
    expect(readdirSync(siteDir).sort()).toEqual(['installed_before.py', 'installed_later.py']);
  });

  it('uses each member once: sessions get different sandboxes and states', async () => {
    const first = await executor.createSession();
    const second = await executor.createSession();
    try {
      await first.execute({ code: 'secret = 1' });
      const seen = await second.execute({ code: 'print("secret" in globals())' });
      expect(seen.stdout).toBe('False\n');
      expect(first.workDir).not.toBe(second.workDir);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it.skipIf(!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(tmpdir()).dev)(
    'starts cold, with the preload, when the requested directory is on another filesystem',
    async () => {
      const elsewhere = join(mkdtempSync('/dev/shm/codeact-pool-'), 'conversation');
      const cold = executor.poolStats()?.servedCold ?? 0;
      const session = await executor.createSession({ workDir: elsewhere });
      try {
        const execution = await session.execute({
          code: 'import sys\nopen("here.txt", "w").write("x")\nprint("decimal" in sys.modules)',
        });
        expect(execution.stdout).toBe('True\n');
        expect(readdirSync(elsewhere)).toEqual(['here.txt']);
        expect(executor.poolStats()?.servedCold).toBe(cold + 1);
      } finally {
        await session.close();
        rmSync(join(elsewhere, '..'), { recursive: true, force: true });
      }
    },
  );

  it('starts cold in an existing directory outside its owned root, never replacing it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'codeact-pool-outside-'));
    chmodSync(outside, 0o777);
    const inode = statSync(outside).ino;
    const cold = executor.poolStats()?.servedCold ?? 0;
    const session = await executor.createSession({ workDir: outside });
    try {
      const execution = await session.execute({ code: 'import sys\nprint("decimal" in sys.modules)' });
      expect(execution.stdout).toBe('True\n');
      expect(statSync(outside).ino).toBe(inode);
      expect(executor.poolStats()?.servedCold).toBe(cold);
    } finally {
      await session.close();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('a warm pool in a work root the sandbox uid cannot reach', () => {
  it('serves warm, running as a cold session there would (bwrap as the host user)', async () => {
    const hidden = mkdtempSync(join(tmpdir(), 'codeact-pool-hidden-'));
    const executor = await createPythonExecutor({ preload: ['json'], poolSize: 1, ownedWorkRoot: hidden });
    try {
      await executor.whenPoolFull();
      const conversation = join(hidden, 'conversation-3');
      mkdirSync(conversation, { mode: 0o700 });
      const session = await executor.createSession({ workDir: conversation, siteDir: join(hidden, '.site', 'c3') });
      try {
        const execution = await session.execute({ code: 'open("out.txt", "w").write("x")' });
        expect(execution.error).toBeUndefined();
        expect(executor.poolStats()?.servedWarm).toBe(1);
        expect(statSync(join(conversation, 'out.txt')).uid).toBe(process.getuid?.());
      } finally {
        await session.close();
      }
    } finally {
      await executor.dispose();
      rmSync(hidden, { recursive: true, force: true });
    }
  });
});

describe('preloading matplotlib', () => {
  it('draws its warm-up figure outside the session: the first action shows only its own plot', async () => {
    const executor = await createPythonExecutor({ preload: ['matplotlib'], poolSize: 1 });
    try {
      await executor.whenPoolFull();
      const session = await executor.createSession();
      try {
        const execution = await session.execute({
          code: 'import matplotlib.pyplot as plt\nprint(plt.get_fignums())\nplt.plot([1, 2, 3])',
        });
        expect(execution.stdout).toBe('[]\n');
        expect(execution.artifacts).toHaveLength(1);
        expect(readdirSync(session.workDir ?? '')).toEqual([]);
      } finally {
        await session.close();
      }
    } finally {
      await executor.dispose();
    }
  });
});
