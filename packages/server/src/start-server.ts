import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '@codeact/core';
import { serve } from '@hono/node-server';
import { type CodeActServer, createServer } from './create-server.js';
import type { ServerOptions } from './server-options.js';

export type StartServerOptions = ServerOptions & {
  /** Address to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port; 0 picks a free one. Default 8700. */
  readonly port?: number;
  /** Required to listen on anything but loopback: the API then faces the network. */
  readonly allowRemote?: boolean;
};

export type RunningServer = {
  readonly server: CodeActServer;
  /** `http://host:port` (without the token). */
  readonly url: string;
  readonly port: number;
  /** Stops listening, ends every stream and turn, and stops the interpreters. */
  close(): Promise<void>;
};

/** Whether `host` is a loopback address or name. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/**
 * Starts the chat server on `host:port`. Listening on a non-loopback address needs `allowRemote`,
 * and then that address is the only extra Host name accepted unless `allowedHosts` says otherwise.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new ConfigurationError(
      `Refusing to listen on ${host}: it is not a loopback address. Pass --allow-remote to expose the API to the network (anyone who can reach it still needs the token).`,
    );
  }
  const extraHosts =
    isLoopbackHost(host) || host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') ? `[${host}]` : host];
  const server = createServer({ ...options, allowedHosts: [...extraHosts, ...(options.allowedHosts ?? [])] });
  const listener = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve(
      {
        fetch: server.app.fetch,
        hostname: host,
        port: options.port ?? 8700,
        serverOptions: {
          headersTimeout: 15_000,
          requestTimeout: 300_000,
          keepAliveTimeout: 5_000,
          maxHeaderSize: 16_384,
        },
      },
      () => resolve(instance),
    );
    instance.once('error', reject);
  });
  const address = listener.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      await server.close();
      (listener as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
    },
  };
}
