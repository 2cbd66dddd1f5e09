import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TemporaryPostgres = {
  /** `postgres://codeact@127.0.0.1:<port>/postgres`, trust authentication. */
  readonly connectionString: string;
  /** Stops the server and deletes its data directory. Idempotent. */
  stop(): Promise<void>;
};

export type StartTemporaryPostgresOptions = {
  /** Folder holding `initdb` and `postgres`. Default: `$PG_BIN`, else the newest `/usr/lib/postgresql/<n>/bin`. */
  readonly binDir?: string;
  /** Milliseconds to wait for the server to accept connections. Default 30000. */
  readonly startTimeoutMs?: number;
};

function findBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found (no /usr/lib/postgresql/<n>/bin/initdb). Install Debian\'s "postgresql" package (scripts/setup-system.sh does), or set PG_BIN.',
    );
  }
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user the Debian package creates. */
function dropPrivileges(): { prefix: string[]; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'], uid, gid };
}

/**
 * Starts a throwaway PostgreSQL server from the system's binaries: `initdb` into a temporary
 * folder, a free port on 127.0.0.1, torn down by `stop()` (or killed when this process exits).
 * For tests of code that needs a real database.
 */
export async function startTemporaryPostgres(options: StartTemporaryPostgresOptions = {}): Promise<TemporaryPostgres> {
  const binDir = options.binDir ?? findBinDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'codeact-pg-'));
  const privileges = dropPrivileges();
  if (privileges) chownSync(dataDir, privileges.uid, privileges.gid);
  const command = (program: string, args: string[]): [string, string[]] => {
    const full = [...(privileges?.prefix ?? []), join(binDir, program), ...args];
    return [full[0] as string, full.slice(1)];
  };
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });

  try {
    const [initdb, initArgs] = command('initdb', [
      '-D',
      join(dataDir, 'data'),
      '-U',
      'codeact',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    execFileSync(initdb, initArgs, { stdio: 'pipe', cwd: dataDir });
  } catch (error) {
    removeDataDir();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr || (error as Error).message}`, { cause: error });
  }

  const port = await freePort();
  const [postgres, serverArgs] = command('postgres', [
    '-D',
    join(dataDir, 'data'),
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dataDir}`,
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
  ]);
  const child: ChildProcess = spawn(postgres, serverArgs, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dataDir });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const connectionString = `postgres://codeact@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    removeDataDir();
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`postgres exited during start-up:\n${log}`);
    }
    const client = new pg.Client({ connectionString });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return { connectionString, stop };
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`postgres did not accept connections within the time limit:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
