import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/codeact.js', import.meta.url));

/** One line a spawned CLI wrote, with when it arrived (ms since the process started). */
export type TimedLine = { readonly atMs: number; readonly text: string };

export type SpawnedCli = {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdoutLines: TimedLine[];
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr (as `which`) contains `text`. */
  waitFor(text: string | RegExp, which?: 'stdout' | 'stderr', timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
};

/** Runs the built `codeact` binary as a real process, recording its output as it arrives. */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
  });
  let out = '';
  let err = '';
  let partial = '';
  const stdoutLines: TimedLine[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) stdoutLines.push({ atMs: performance.now() - started, text });
    notify();
  });
  child.stderr.on('data', (chunk: string) => {
    err += chunk;
    notify();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const cli: SpawnedCli = {
    child,
    stdoutLines,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (text, which = 'stdout', timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          const haystack = which === 'stdout' ? out : err;
          if (typeof text === 'string' ? haystack.includes(text) : text.test(haystack)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${String(text)} on ${which}.\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
  return cli;
}
