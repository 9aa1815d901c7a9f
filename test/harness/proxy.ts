/**
 * A small TCP proxy for network faults (tc/netem is not available here): `cut()` drops every
 * open connection and refuses new ones until `restore()`, as a broken link looks to both ends.
 */
import { createServer, type Server, Socket } from 'node:net';
import { freePort, HOST } from './infra';

export interface TcpProxy {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  cut(): void;
  restore(): void;
  isCut(): boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, listenPort?: number): Promise<TcpProxy> {
  const port = listenPort ?? (await freePort());
  const open = new Set<Socket>();
  let cut = false;
  let accepted = 0;
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    accepted += 1;
    const upstream = new Socket();
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    upstream.connect(targetPort, HOST, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  return {
    port,
    accepted: () => accepted,
    cut: () => {
      cut = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore: () => {
      cut = false;
    },
    isCut: () => cut,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
