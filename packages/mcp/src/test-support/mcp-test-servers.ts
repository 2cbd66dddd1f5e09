import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { McpServerSpec } from '../mcp-server-spec.js';

const require = createRequire(import.meta.url);

/** The entry script of an MCP server installed from npm as a dev dependency. */
export function serverScript(packageName: 'server-everything' | 'server-filesystem' | 'server-memory'): string {
  return require.resolve(`@modelcontextprotocol/${packageName}/dist/index.js`);
}

/** A stdio spec running one of those servers with this Node. */
export function stdioServer(
  name: string,
  packageName: Parameters<typeof serverScript>[0],
  args: readonly string[] = [],
  env: Record<string, string> = {},
): McpServerSpec {
  return { name, transport: 'stdio', command: process.execPath, args: [serverScript(packageName), ...args], env };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * Starts server-everything over HTTP (`streamableHttp` at /mcp, or legacy `sse` at /sse) on a free
 * port and resolves once it listens.
 */
export async function startEverythingHttp(mode: 'streamableHttp' | 'sse'): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverScript('server-everything'), mode], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/running on port|listening on port/i.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything ${mode} exited (${code}): ${output}`)));
  });
  const path = mode === 'sse' ? '/sse' : '/mcp';
  return { url: `http://127.0.0.1:${port}${path}`, stop: () => child.kill() };
}
