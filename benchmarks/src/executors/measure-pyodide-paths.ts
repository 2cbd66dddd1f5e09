import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPyodideExecutor, processTreeMemory } from '@codeact/executors';
import { benchTools } from './bench-tools.js';
import { type Summary, summarize } from './stats.js';

/** One Pyodide configuration, measured the same way as the other (lean children on or off). */
export type PyodidePathFigures = {
  readonly lean: boolean;
  /** Idle sessions opened to measure memory. */
  readonly sessions: number;
  /** `createPyodideExecutor` + `warmUp` with the snapshot already on disk: the pool of one filled from it. */
  readonly readyMs: number;
  readonly rssPerSessionMb: number;
  readonly pssPerSessionMb: number;
  /** `createSession` from the warm pool at rest. */
  readonly start: Summary;
  /** A CPU-bound cell (a generator sum and a JSON dump), after three warm-up runs. */
  readonly cpuCell: Summary;
};

/** `codeact exec -i pyodide -` as a real CLI process, `print(1)` on stdin, whole wall time. */
export type CliExecFigures = {
  /** Empty snapshot cache: a cold boot that also makes and stores the snapshot. */
  readonly coldMs: number;
  /** The same cache afterwards. */
  readonly warm: Summary;
  /** `codeact exec -i python -` for the CLI's own start-up cost. */
  readonly python: Summary;
};

export type BarePyodideFigures = { readonly rssMb: number; readonly pssMb: number; readonly nodeAlonePssMb: number };

const cpuCode = 'sum(i*i for i in range(300000)); import json; json.dumps({"a": [1, 2, 3] * 1000})';
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Idle memory per session, pool start and a CPU-bound cell for one configuration. */
export async function measurePyodidePath(lean: boolean, sessions: number, cache: string): Promise<PyodidePathFigures> {
  const created = performance.now();
  const executor = createPyodideExecutor({ poolSize: 1, lean, snapshotCache: cache });
  await executor.warmUp();
  const readyMs = performance.now() - created;
  const rest = async () => {
    await executor.warmUp();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  };
  try {
    await rest();
    const starts: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      await rest();
      const started = performance.now();
      const session = await executor.createSession({ tools: benchTools() });
      starts.push(performance.now() - started);
      await session.close();
    }
    await rest();
    const before = processTreeMemory(process.pid);
    const open = [];
    for (let index = 0; index < sessions; index += 1) {
      const session = await executor.createSession({ tools: benchTools() });
      await session.execute({ code: 'x = 1' });
      open.push(session);
    }
    await rest();
    const after = processTreeMemory(process.pid);
    const cells: number[] = [];
    const [session] = open;
    for (let index = 0; index < 13 && session; index += 1) {
      const started = performance.now();
      await session.execute({ code: cpuCode, timeoutMs: 60_000 });
      if (index >= 3) cells.push(performance.now() - started);
    }
    await Promise.all(open.map((each) => each.close()));
    return {
      lean,
      sessions,
      readyMs,
      rssPerSessionMb: mb(after.rssBytes - before.rssBytes) / sessions,
      pssPerSessionMb: mb(after.pssBytes - before.pssBytes) / sessions,
      start: summarize(starts),
      cpuCell: summarize(cells),
    };
  } finally {
    await executor.dispose();
  }
}

/** Runs a Node script in a fresh process and reads its memory once it prints a line. */
function memoryOfNodeScript(script: string): Promise<{ rssMb: number; pssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => {
      setTimeout(() => {
        const memory = processTreeMemory(child.pid ?? 0);
        child.kill('SIGKILL');
        resolve({ rssMb: mb(memory.rssBytes), pssMb: mb(memory.pssBytes) });
      }, 1000);
    });
    child.once('error', reject);
  });
}

/** The floor: one Pyodide instance on the main thread of a bare Node process (no worker, no runner, no confinement). */
export async function measureBarePyodide(): Promise<BarePyodideFigures> {
  const require = createRequire(import.meta.url);
  const pyodide = join(dirname(require.resolve('pyodide/package.json')), 'pyodide.mjs');
  const bare = await memoryOfNodeScript(
    `const { loadPyodide } = await import(${JSON.stringify(pyodide)}); const py = await loadPyodide(); py.runPython('x = 1'); gc(); console.log('up'); setInterval(() => {}, 1000);`,
  );
  const node = await memoryOfNodeScript(`gc(); console.log('up'); setInterval(() => {}, 1000);`);
  return { ...bare, nodeAlonePssMb: node.pssMb };
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = fileURLToPath(new URL('../../../packages/cli/bin/codeact.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 || stdout.trim() !== '1') reject(new Error(`codeact ${args.join(' ')} failed: ${stdout}`));
      else resolve(performance.now() - started);
    });
    child.stdin.end('print(1)\n');
  });
}

/** First `codeact exec` with an empty snapshot cache, then with the cache it left. */
export async function measureCliExec(runs: number): Promise<CliExecFigures> {
  const cache = mkdtempSync(join(tmpdir(), 'codeact-bench-cache-'));
  const env = { ...process.env, CODEACT_CACHE_DIR: cache };
  try {
    const coldMs = await runCli(['exec', '-i', 'pyodide', '-'], env);
    const warm: number[] = [];
    const python: number[] = [];
    for (let index = 0; index < runs; index += 1) {
      warm.push(await runCli(['exec', '-i', 'pyodide', '-'], env));
      python.push(await runCli(['exec', '-i', 'python', '-'], env));
    }
    return { coldMs, warm: summarize(warm), python: summarize(python) };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
