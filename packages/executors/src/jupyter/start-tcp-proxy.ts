import { createConnection, createServer, type Socket } from 'node:net';

export type TcpProxy = {
  /** `http://127.0.0.1:<port>/`, forwarding to the target. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Cuts every open connection, both sides, as a network failure would. */
  dropAll(): void;
  close(): Promise<void>;
};

/** A TCP forwarder on an ephemeral port, for tests that cut a client's connections (WebSocket included). */
export async function startTcpProxy(target: { readonly host: string; readonly port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    accepted += 1;
    const upstream = createConnection(target);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    get accepted() {
      return accepted;
    },
    dropAll() {
      for (const socket of open) socket.resetAndDestroy();
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
