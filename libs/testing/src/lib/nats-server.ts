import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUB_SUBJECT_ROOTS } from '@linkway/contracts';

export interface NatsServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  /** kill -9, then a new server on the same port and JetStream store after `downMs`. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `count` different free ports. Every port stays bound until all are picked: asking for port 0
 * again after closing the last one can hand out that same port, and two servers of one test
 * would then fight over it.
 */
export async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      held.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return held.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(
      held.map(
        (server) =>
          new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
      ),
    );
  }
}

export const freePort = async (): Promise<number> => (await freePorts(1))[0];

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('INFO'));
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

/**
 * A private nats-server (JetStream on, store in a temp folder) on a free port, for suites
 * whose subjects are fixed by contract (`sys.ping.v1.casework`) and so cannot be prefixed.
 * Needs the nats-server binary (Debian package nats-server; tools/infra.js installs it).
 */
export async function startNatsServer(args: string[] = []): Promise<NatsServerProcess> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'linkway-nats-'));
  const launch = async () => {
    const child = spawn(
      'nats-server',
      ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store, ...args],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`nats-server did not answer on ${port} within 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return child;
  };
  const halt = async (child: ChildProcess, signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  const server: NatsServerProcess = {
    url: `nats://127.0.0.1:${port}`,
    port,
    process: await launch(),
    restart: async (downMs = 0) => {
      await halt(server.process, 'SIGKILL');
      await new Promise((r) => setTimeout(r, downMs));
      server.process = await launch();
    },
    stop: async () => {
      await halt(server.process, 'SIGTERM');
      rmSync(store, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * The `leafnodes` block of a test hub's nats-server: one remote to the ICS with the same deny
 * rules as infra/nats/leaf.conf (HUB_SUBJECT_ROOTS both ways; a topology test holds the file
 * to that list). Without them every hub's FEDERATION_OUT stores every other hub's snapshots
 * and requests cross hubs, which is not the topology Linkway ships.
 */
export function hubLeafnodesBlock(opts: { remoteUrl: string; reconnectSeconds?: number }): string {
  const denied = HUB_SUBJECT_ROOTS.map((root) => `"${root}.>"`).join(', ');
  return (
    `leafnodes { reconnect: ${opts.reconnectSeconds ?? 1}, remotes: [ { urls: [ "${opts.remoteUrl}" ], ` +
    `deny_exports: [ ${denied} ], deny_imports: [ ${denied} ] } ] }\n`
  );
}
