import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { superviseProcess } from '@codeact/core/testing';

export type TemporaryRedis = {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the server and deletes its folder. Idempotent. */
  stop(): Promise<void>;
};

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts a throwaway `redis-server` (Debian's `redis-server` package; scripts/setup-system.sh installs it)
 * on a free port of 127.0.0.1 without persistence, for tests of the Redis queue backend.
 */
export async function startTemporaryRedis(options: { readonly startTimeoutMs?: number } = {}): Promise<TemporaryRedis> {
  // A random port; another process may hold it, so a server that cannot bind is retried on another.
  for (let attempt = 1; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    try {
      return await startOn(port, options.startTimeoutMs ?? 30_000);
    } catch (error) {
      if (attempt >= 5 || !/Address already in use/i.test((error as Error).message)) throw error;
    }
  }
}

async function startOn(port: number, startTimeoutMs: number): Promise<TemporaryRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'codeact-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const { stop } = superviseProcess(child, () => rmSync(dir, { recursive: true, force: true }));
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(
        `redis-server could not start (${spawnError.message}). Install Debian's "redis-server" package (npm run setup does).`,
      );
    }
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`redis-server exited during start-up:\n${log}`);
    }
    if (await answersPing(port)) return { url: `redis://127.0.0.1:${port}`, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer within the time limit:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
