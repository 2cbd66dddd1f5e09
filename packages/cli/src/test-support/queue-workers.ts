import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './spawn-cli.js';

const bin = join(repoRoot, 'packages/cli/bin/codeact.js');

/** A `codeact worker` process started by a test, with its stderr so far. */
export type WorkerProcess = { child: ChildProcess; log(): string; exited: Promise<void> };

/** Starts `codeact worker ARGS` (add `--store none` unless the test checks the store). */
export function startWorker(args: readonly string[]): WorkerProcess {
  const child = spawn(process.execPath, [bin, 'worker', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  return { child, log: () => log, exited };
}

/** SIGTERM (a graceful stop), then waits for the exit. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
}

/** Polls `condition` every 50 ms; throws after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
