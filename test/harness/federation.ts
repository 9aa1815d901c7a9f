/**
 * A federation the suite owns: an ICS nats-server (JetStream domain `ics`, accepting leaf
 * connections), one hub nats-server per hub id (domain = hub id) whose leaf link runs through
 * its own TCP proxy (so a test can cut one hub's link), and the federation app as a process.
 */
import { randomBytes } from 'node:crypto';
import {
  HEALTH_USE_KINDS,
  HOME_ENVIRONMENT_STEPS,
  hubSnapshotSubject,
  type HubSnapshotV1,
} from '@linkway/contracts';
import { ensureFederationOut, federationOutSpec, jetStreamManager } from '@linkway/messaging';
import { hubLeafnodesBlock } from '@linkway/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { type AppProcess, DEMO_PASSWORD, startApp } from './apps';
import { freePorts, type OwnedServer, type PostgresCluster, startNats } from './infra';
import { startTcpProxy, type TcpProxy } from './proxy';

const codec = JSONCodec<HubSnapshotV1>();

export const monthPeriod = (year: number, month: number) => {
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    kind: 'month' as const,
    key: `${year}-${mm}`,
    start: `${year}-${mm}-01`,
    end: `${year}-${mm}-${last}`,
  };
};

/** A valid snapshot, every figure 0 unless overridden. */
export function snapshotFor(
  hubId: string,
  month: number,
  version: number,
  overrides: Partial<HubSnapshotV1> = {},
): HubSnapshotV1 {
  return {
    hubId,
    hubName: `Hub ${hubId}`,
    archetype: 'community_centre',
    integrationModel: 'universal_screening',
    population: 50_000,
    period: monthPeriod(2026, month),
    version,
    builtAt: new Date().toISOString(),
    referrals: { bySource: [], byNeed: [], received: 0, accepted: 0, declined: 0, signposted: 0 },
    cases: { opened: 0, closed: 0, contactsSum: 0, closedWithContacts: 0 },
    outcomes: [],
    healthUse: HEALTH_USE_KINDS.map((kind) => ({
      kind,
      nPaired: 0,
      baselineSum: 0,
      followUpSum: 0,
      nReduced: 0,
    })),
    homeEnvironment: HOME_ENVIRONMENT_STEPS.map((step) => ({ step, reached: 0 })),
    partnerFeedback: { sent: 0, answered: 0, responseDays: [] },
    ...overrides,
  };
}

export interface Federation {
  ics: OwnedServer;
  hubs: Record<
    string,
    { nats: OwnedServer; proxy: TcpProxy; publish(s: HubSnapshotV1, msgId?: string): Promise<void> }
  >;
  app: AppProcess;
  dbName: string;
  /** The federation app's environment (for its CLI). */
  env: Record<string, string>;
  /** Sum of referrals.received over the stored (newest) snapshots, and how many periods. */
  storedTotals(): Promise<{ periods: number; received: number }>;
  stop(): Promise<void>;
}

export async function startFederation(opts: {
  /** Leaf links through a TCP proxy the test can cut (default), or straight to the ICS. */
  proxied?: boolean;
  pg: PostgresCluster;
  redisUrl: string;
  hubIds: string[];
  tag: string;
}): Promise<Federation> {
  // both picked while both are held: the ICS must not be given one port for clients and leaves
  const [leafPort, icsPort] = await freePorts(2);
  // A leaf learns its hub's other leafnode URLs from the ICS and reconnects to them directly,
  // around the proxy (seen with nats-server 2.9): advertise a dead address so the only way
  // back is the proxy the test controls.
  const secret = `t${randomBytes(8).toString('hex')}`;
  const auth = `authorization { user: ${secret}, password: ${secret} }`;
  // leaf links need this run's secret: another run's leaves (same hub ids, reconnecting every
  // second) must never join this ICS if its leaf port is reused
  const ics = await startNats({
    port: icsPort,
    config: `server_name: ics_${opts.tag}\nhost: 127.0.0.1\nport: {{port}}\nmax_payload: 4194304\njetstream { domain: ics, store_dir: "{{store}}" }\nleafnodes { host: 127.0.0.1, port: ${leafPort}, no_advertise: true, advertise: "127.0.0.1:9", ${auth} }\n`,
  });
  const conns: NatsConnection[] = [];
  const hubs: Federation['hubs'] = {};
  for (const hubId of opts.hubIds) {
    const proxy = await startTcpProxy(leafPort);
    const nats = await startNats({
      config:
        `server_name: ${hubId}_${opts.tag}\nhost: 127.0.0.1\nport: {{port}}\nmax_payload: 4194304\njetstream { domain: ${hubId}, store_dir: "{{store}}" }\n` +
        hubLeafnodesBlock({
          remoteUrl: `nats-leaf://${secret}:${secret}@127.0.0.1:${opts.proxied === false ? leafPort : proxy.port}`,
        }),
    });
    const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    conns.push(nc);
    await ensureFederationOut(await jetStreamManager(nc, hubId), federationOutSpec({ hubId }));
    const js = nc.jetstream({ domain: hubId });
    hubs[hubId] = {
      nats,
      proxy,
      // what the outcomes service's outbox relay does: the hub's own stream, Nats-Msg-Id = outbox id
      publish: async (s, msgId) => {
        await js.publish(hubSnapshotSubject(s.hubId), codec.encode(s), {
          msgID: msgId ?? `${s.hubId}:${s.period.key}:v${s.version}`,
        });
      },
    };
  }
  const dbName = `lw_fed_${opts.tag}`;
  const dbUrl = await opts.pg.createDatabase(dbName);
  const env = {
    HUB_ID: 'ics',
    HUB_NAME: 'ICS federation',
    DATABASE_URL: dbUrl,
    NATS_URL: ics.url,
    NATS_JS_DOMAIN: 'ics',
    REDIS_URL: opts.redisUrl,
    REDIS_PREFIX: `harness:fed:${opts.tag}`,
    FEDERATION_HUBS: opts.hubIds.join(','),
    FEDERATION_ACK_WAIT_MS: '2000',
    JWT_SECRET: 'harness-shared-secret-0123456789abcdef-0123456789',
    LINKWAY_DEMO_PASSWORD: DEMO_PASSWORD,
  };
  const app = await startApp('federation', env, { label: `federation-${opts.tag}` });
  return {
    ics,
    hubs,
    app,
    dbName,
    env,
    async storedTotals() {
      const [row] = await opts.pg.query<{ periods: string; received: string | null }>(
        dbName,
        `SELECT count(*) AS periods, sum((payload->'referrals'->>'received')::int) AS received FROM federation.hub_snapshot`,
      );
      return { periods: Number(row.periods), received: Number(row.received ?? 0) };
    },
    async stop() {
      await app.stop();
      for (const nc of conns) await nc.close().catch(() => undefined);
      for (const h of Object.values(hubs)) {
        await h.proxy.close();
        await h.nats.stop();
      }
      await ics.stop();
    },
  };
}
