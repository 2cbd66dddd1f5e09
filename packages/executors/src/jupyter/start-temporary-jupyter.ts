import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { superviseProcess } from '@codeact/core/testing';

export type TemporaryJupyter = {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly token: string;
  /** Stops the server (and its kernels) and deletes its folder. Idempotent. */
  stop(): Promise<void>;
};

/**
 * Starts a throwaway Jupyter Server (Debian's `jupyter-server` with `python3-ipykernel`; `npm run setup`
 * installs them) on 127.0.0.1 with a random token, in its own temporary home, for tests and benchmarks.
 */
export async function startTemporaryJupyter(
  options: {
    readonly startTimeoutMs?: number;
    /** More `--Class.trait=value` settings, e.g. `--KernelRestarter.restart_limit=0`. */
    readonly serverArgs?: readonly string[];
  } = {},
): Promise<TemporaryJupyter> {
  const dir = mkdtempSync(join(tmpdir(), 'codeact-jupyter-'));
  const token = randomBytes(16).toString('hex');
  // A random start; the server moves on to the next free port itself and logs the one it took.
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  const child: ChildProcess = spawn(
    'jupyter-server',
    [
      `--ServerApp.token=${token}`,
      `--ServerApp.port=${port}`,
      '--ServerApp.ip=127.0.0.1',
      '--ServerApp.open_browser=False',
      `--ServerApp.root_dir=${dir}`,
      '--allow-root',
      ...(options.serverArgs ?? []),
    ],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, JUPYTER_RUNTIME_DIR: join(dir, 'runtime') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const url = new Promise<string>((resolve) => {
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-8000);
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (match) resolve(`http://127.0.0.1:${match[1]}/`);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  const { exited, stop } = superviseProcess(child, () => rmSync(dir, { recursive: true, force: true }));
  const timeout = new Promise<undefined>((resolve) =>
    setTimeout(() => resolve(undefined), options.startTimeoutMs ?? 60_000).unref(),
  );
  const found = await Promise.race([url, exited.then(() => undefined), timeout]);
  if (!found) {
    await stop();
    const why = spawnError
      ? `${spawnError.message}; install Debian's jupyter-server and python3-ipykernel (npm run setup does)`
      : log;
    throw new Error(`jupyter-server did not start: ${why}`);
  }
  return { url: found, token, stop };
}
