import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freePorts, hubLeafnodesBlock } from '@linkway/testing';

/*
 * A real federation topology on free ports: an ICS nats-server (JetStream domain `ics`,
 * accepting leaf connections) and one leaf nats-server per hub (JetStream domain = hub id).
 * Each server can be stopped and started again on the same ports and store, which is how a
 * test takes the ICS (or a hub's leaf link) down and brings it back.
 */

export interface NatsNode {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  /** True while the process runs. */
  readonly running: boolean;
  start(): Promise<void>;
  /** Stops the server; its ports stay held (hanging up on clients) until start() or stop(false). */
  stop(keepPorts?: boolean): Promise<void>;
}

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

function node(name: string, port: number, configFile: string, ports: number[] = [port]): NatsNode {
  let child: ChildProcess | null = null;
  // While a server is down its ports stay held by a listener that hangs up at once: clients keep
  // retrying as against a dead server, and no other test run can be given the port meanwhile.
  let holders: Server[] = [];
  const hold = () =>
    Promise.all(
      ports.map(
        (p) =>
          new Promise<Server>((resolve, reject) => {
            const server = createServer((socket) => socket.destroy());
            server.once('error', reject);
            server.listen(p, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
  const release = async () => {
    await Promise.all(holders.map((h) => new Promise((r) => h.close(r))));
    holders = [];
  };
  return {
    name,
    port,
    url: `nats://127.0.0.1:${port}`,
    get running() {
      return child !== null && child.exitCode === null;
    },
    async start() {
      if (child && child.exitCode === null) return;
      await release();
      const proc = spawn('nats-server', ['-c', configFile], { stdio: 'ignore' });
      child = proc;
      const deadline = Date.now() + 10_000;
      while (!(await answers(port))) {
        if (proc.exitCode !== null) throw new Error(`${name}: nats-server exited with ${proc.exitCode}`);
        if (Date.now() > deadline) throw new Error(`${name}: nats-server did not answer on ${port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(keepPorts = true) {
      const proc = child;
      child = null;
      if (proc && proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (keepPorts && holders.length === 0) holders = await hold();
      else if (!keepPorts) await release();
    },
  };
}

export interface FederationTopology {
  ics: NatsNode;
  hubs: Record<string, NatsNode>;
  /** Waits until every running leaf is connected to the ICS. */
  stop(): Promise<void>;
}

/** The ICS and one leaf per hub id; all started. */
export async function startFederationTopology(hubIds: readonly string[]): Promise<FederationTopology> {
  const dir = mkdtempSync(join(tmpdir(), 'linkway-fed-'));
  const [icsPort, leafPort] = await freePorts(2);
  // A stopped ICS frees its leaf port; another topology's leaves (same hub ids, reconnecting every
  // second) must never join this one if it reuses the port, so leaf links need this run's secret.
  const secret = `t${randomBytes(8).toString('hex')}`;
  mkdirSync(join(dir, 'ics'));
  const icsConf = join(dir, 'ics.conf');
  writeFileSync(
    icsConf,
    `server_name: ics\nhost: 127.0.0.1\nport: ${icsPort}\nmax_payload: 4194304\n` +
      `jetstream { domain: ics, store_dir: "${join(dir, 'ics')}" }\n` +
      `leafnodes { host: 127.0.0.1, port: ${leafPort}, authorization { user: ${secret}, password: ${secret} } }\n`,
  );
  const ics = node('ics', icsPort, icsConf, [icsPort, leafPort]);
  await ics.start();
  const hubs: Record<string, NatsNode> = {};
  for (const hubId of hubIds) {
    const port = await freePort();
    mkdirSync(join(dir, hubId));
    const conf = join(dir, `${hubId}.conf`);
    writeFileSync(
      conf,
      `server_name: ${hubId}\nhost: 127.0.0.1\nport: ${port}\nmax_payload: 4194304\n` +
        `jetstream { domain: ${hubId}, store_dir: "${join(dir, hubId)}" }\n` +
        hubLeafnodesBlock({ remoteUrl: `nats-leaf://${secret}:${secret}@127.0.0.1:${leafPort}` }),
    );
    hubs[hubId] = node(hubId, port, conf);
    await hubs[hubId].start();
  }
  return {
    ics,
    hubs,
    stop: async () => {
      await Promise.all(Object.values(hubs).map((h) => h.stop(false)));
      await ics.stop(false);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
