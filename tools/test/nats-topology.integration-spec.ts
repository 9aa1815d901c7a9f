// The hub topology for real: an ICS server and two hub leaves started from the
// infra/nats templates, on free ports, in a throwaway data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type NatsConnection, RetentionPolicy } from 'nats';
import { HUB_SUBJECT_ROOTS } from '@linkway/contracts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkway-nats-'));
process.env.LINKWAY_DATA_DIR = dataDir;

type Lib = {
  servers: typeof import('../lib/servers');
  config: typeof import('../lib/nats-config');
  ports: typeof import('../lib/ports');
  daemon: typeof import('../lib/daemon');
  probe: typeof import('../lib/probe');
  binaries: typeof import('../lib/binaries');
};

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}: ${String(last)}`);
}

describe('NATS hub topology (ICS + leaf per hub)', () => {
  let lib: Lib;
  const records: Array<{ name: string }> = [];
  const ports = { ics: 0, leaf: 0, http: 0, hub1: 0, hub1Http: 0, hub2: 0, hub2Http: 0 };
  const conns: NatsConnection[] = [];

  beforeAll(async () => {
    lib = {
      servers: await import('../lib/servers'),
      config: await import('../lib/nats-config'),
      ports: await import('../lib/ports'),
      daemon: await import('../lib/daemon'),
      probe: await import('../lib/probe'),
      binaries: await import('../lib/binaries'),
    };
    const keys = Object.keys(ports) as Array<keyof typeof ports>;
    const free = await lib.ports.freePorts(keys.length);
    keys.forEach((key, i) => (ports[key] = free[i]));

    const ics = await lib.servers.startNatsWithConfig({
      name: 'ics',
      url: `nats://127.0.0.1:${ports.ics}`,
      config: lib.config.renderIcs({
        storeDir: path.join(dataDir, 'ics'),
        port: ports.ics,
        leafPort: ports.leaf,
        httpPort: ports.http,
      }),
    });
    records.push(ics.record);
    for (const hub of ['hub1', 'hub2'] as const) {
      const leaf = await lib.servers.startNatsWithConfig({
        name: hub,
        url: `nats://127.0.0.1:${ports[hub]}`,
        config: lib.config.renderLeaf({
          hub,
          storeDir: path.join(dataDir, hub),
          port: ports[hub],
          httpPort: ports[`${hub}Http`],
          icsLeafUrl: `nats-leaf://127.0.0.1:${ports.leaf}`,
        }),
      });
      records.push(leaf.record);
    }
  });

  afterAll(async () => {
    await Promise.all(conns.map((c) => c.close()));
    for (const r of records.reverse()) await lib.daemon.stopRecord(r);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs each server with its own JetStream domain and server name', async () => {
    const ics = await lib.probe.natsInfo(`nats://127.0.0.1:${ports.ics}`);
    const hub2 = await lib.probe.natsInfo(`nats://127.0.0.1:${ports.hub2}`);

    expect(ics).toMatchObject({ domain: 'ics', server_name: 'linkway-ics', jetstream: true });
    expect(hub2).toMatchObject({ domain: 'hub2', server_name: 'linkway-hub2', jetstream: true });
  });

  it('connects both hubs to the ICS as leaf nodes', async () => {
    const leafs = await waitFor('two leaf links', async () => {
      const res = await fetch(`http://127.0.0.1:${ports.http}/leafz`);
      const body = (await res.json()) as { leafnodes: number };
      return body.leafnodes === 2 ? body.leafnodes : undefined;
    });
    expect(leafs).toBe(2);
  });

  it("reaches each domain's JetStream API across the leaf link", async () => {
    const hub1 = await connect({ servers: `nats://127.0.0.1:${ports.hub1}` });
    const ics = await connect({ servers: `nats://127.0.0.1:${ports.ics}` });
    conns.push(hub1, ics);

    const fromHubToIcs = await waitFor(
      'ics domain from hub1',
      async () => (await (await hub1.jetstreamManager({ domain: 'ics' })).getAccountInfo()).domain,
    );
    const fromIcsToHub2 = await waitFor(
      'hub2 domain from ics',
      async () => (await (await ics.jetstreamManager({ domain: 'hub2' })).getAccountInfo()).domain,
    );
    const local = (await (await hub1.jetstreamManager()).getAccountInfo()).domain;

    expect(fromHubToIcs).toBe('ics');
    expect(fromIcsToHub2).toBe('hub2');
    expect(local).toBe('hub1');
  });

  it('lets an ICS stream source a hub stream through $JS.<hubId>.API (the federation path)', async () => {
    const hub1 = await connect({ servers: `nats://127.0.0.1:${ports.hub1}` });
    const ics = await connect({ servers: `nats://127.0.0.1:${ports.ics}` });
    conns.push(hub1, ics);
    const hubJsm = await hub1.jetstreamManager();
    await hubJsm.streams.add({
      name: 'FED_OUT_TEST',
      subjects: ['fed.test.hub1'],
      retention: RetentionPolicy.Limits,
    });
    await hub1.jetstream().publish('fed.test.hub1', new TextEncoder().encode('{"period":"2026-10"}'));

    const icsJsm = await ics.jetstreamManager();
    await icsJsm.streams.add({
      name: 'FED_IN_TEST',
      subjects: [],
      sources: [{ name: 'FED_OUT_TEST', external: { api: '$JS.hub1.API', deliver: '' } }],
    });

    const count = await waitFor('sourced message', async () => {
      const info = await icsJsm.streams.info('FED_IN_TEST');
      return info.state.messages === 1 ? info.state.messages : undefined;
    });
    expect(count).toBe(1);
  });

  describe('keeps each hub to itself across the shared leaf account', () => {
    const encoder = new TextEncoder();

    it('denies every hub subject root on the leaf link, both ways', () => {
      const conf = fs.readFileSync(path.join(__dirname, '..', '..', 'infra', 'nats', 'leaf.conf'), 'utf8');
      const expected = HUB_SUBJECT_ROOTS.map((root) => `"${root}.>"`).join(', ');
      expect(conf).toContain(`deny_exports: [ ${expected} ]`);
      expect(conf).toContain(`deny_imports: [ ${expected} ]`);
    });

    it("never lets one hub's request reach another hub's service (no responders instead)", async () => {
      const hub1 = await connect({ servers: `nats://127.0.0.1:${ports.hub1}` });
      const hub2 = await connect({ servers: `nats://127.0.0.1:${ports.hub2}` });
      conns.push(hub1, hub2);
      // hub2's intake answers in its queue group; hub1 has no intake running
      hub2.subscribe('intake.referral.get.v1', {
        queue: 'referral-intake',
        callback: (_e, m) => m.respond(encoder.encode('hub2 data')),
      });
      hub2.subscribe('sys.ping.v1.referral-intake', {
        callback: (_e, m) => m.respond(encoder.encode('hub2 pong')),
      });
      await hub2.flush();
      await new Promise((r) => setTimeout(r, 500)); // time for interest to propagate, if it could

      for (const subject of ['intake.referral.get.v1', 'sys.ping.v1.referral-intake']) {
        await expect(hub1.request(subject, encoder.encode('{}'), { timeout: 1_000 })).rejects.toMatchObject({
          code: '503',
        });
      }
    });

    it("never stores one hub's domain events or snapshots in another hub's streams", async () => {
      const hub1 = await connect({ servers: `nats://127.0.0.1:${ports.hub1}` });
      const hub2 = await connect({ servers: `nats://127.0.0.1:${ports.hub2}` });
      conns.push(hub1, hub2);
      const hub2Jsm = await hub2.jetstreamManager();
      await hub2Jsm.streams.add({ name: 'HUB2_EVENTS_TEST', subjects: ['evt.>', 'fed.>', 'dlq.>'] });
      await new Promise((r) => setTimeout(r, 500));

      for (const subject of ['evt.intake.referral.accepted.v1', 'fed.snapshot.hub1', 'dlq.casework.x'])
        hub1.publish(subject, encoder.encode('{}'));
      await hub1.flush();
      await new Promise((r) => setTimeout(r, 500));

      expect((await hub2Jsm.streams.info('HUB2_EVENTS_TEST')).state.messages).toBe(0);
    });
  });

  it('runs the unrendered template with $NATS_* from the environment, as docker compose does', async () => {
    const [port, httpPort] = await lib.ports.freePorts(2);
    const child: ChildProcess = spawn(
      lib.binaries.ensureBinary('nats-server'),
      ['-c', path.join(__dirname, '..', '..', 'infra', 'nats', 'leaf.conf')],
      {
        env: {
          ...process.env,
          NATS_SERVER_NAME: 'compose-hub3',
          NATS_HOST: '127.0.0.1',
          NATS_PORT: String(port),
          NATS_HTTP_PORT: String(httpPort),
          NATS_JS_DOMAIN: 'hub3',
          NATS_STORE_DIR: path.join(dataDir, 'compose-hub3'),
          NATS_ICS_LEAF_URL: `nats-leaf://127.0.0.1:${ports.leaf}`,
        },
        stdio: 'ignore',
      },
    );
    try {
      const info = await waitFor('compose-style leaf', () => lib.probe.natsInfo(`nats://127.0.0.1:${port}`));
      expect(info).toMatchObject({ domain: 'hub3', server_name: 'compose-hub3' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
