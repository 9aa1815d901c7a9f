import { spawnSync } from 'node:child_process';
import { JSONCodec, type NatsConnection, connect } from 'nats';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { hubSnapshotSubject, type HubSnapshotV1 } from '@linkway/contracts';
import { ensureFederationOut, federationOutSpec, jetStreamManager } from '@linkway/messaging';
import {
  createTestDatabase,
  freePort,
  repoRoot,
  spawnTs,
  type TestDatabase,
  type TsChild,
  testUrls,
} from '@linkway/testing';
import { startFederationTopology, type FederationTopology } from './topology';

export const TEST_JWT_SECRET = 'federation-test-secret-0123456789abcdef0123456789';
const codec = JSONCodec<HubSnapshotV1>();

/**
 * One federation under test: a real ICS + leaf topology, a fresh database, the federation app
 * as a child process (so a test can kill it), and a publisher per hub on the hub's own leaf.
 */
export class FederationHarness {
  app: TsChild | null = null;
  port = 0;
  private hubConns = new Map<string, NatsConnection>();

  private constructor(
    readonly topology: FederationTopology,
    readonly db: TestDatabase,
  ) {}

  static async start(hubIds: string[]): Promise<FederationHarness> {
    const topology = await startFederationTopology(hubIds);
    const db = await createTestDatabase('federation');
    const h = new FederationHarness(topology, db);
    h.port = await freePort();
    return h;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      HUB_ID: 'ics',
      HUB_NAME: 'ICS federation',
      DATABASE_URL: this.db.url,
      NATS_URL: this.topology.ics.url,
      NATS_JS_DOMAIN: 'ics',
      REDIS_URL: testUrls().redis,
      REDIS_PREFIX: `test:federation:${this.db.name}`,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      LINKWAY_DEMO_PASSWORD: 'federation-test-pw',
      LOG_LEVEL: 'log',
      ...extra,
    };
  }

  /** Runs the federation CLI; returns stdout. */
  cli(args: string[]): string {
    const r = spawnSync(
      process.execPath,
      ['-r', `${repoRoot}/tools/register.js`, `${repoRoot}/apps/federation/src/cli.ts`, ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...this.env() },
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  }

  async startApp(extra: Record<string, string> = {}): Promise<void> {
    this.app = await spawnTs('apps/federation/src/main.ts', {
      env: this.env(extra),
      readyLine: /service started/,
      readyTimeoutMs: 60_000,
    });
  }

  async publisher(hubId: string): Promise<(s: HubSnapshotV1, msgId?: string) => Promise<void>> {
    let nc = this.hubConns.get(hubId);
    if (!nc) {
      nc = await connect({
        servers: this.topology.hubs[hubId].url,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 200,
      });
      this.hubConns.set(hubId, nc);
      await ensureFederationOut(await jetStreamManager(nc, hubId), federationOutSpec({ hubId }));
    }
    const js = nc.jetstream({ domain: hubId });
    // what the outcomes service's outbox relay does: the hub's own stream, Nats-Msg-Id = outbox id
    return async (s, msgId) => {
      await js.publish(hubSnapshotSubject(s.hubId), codec.encode(s), {
        msgID: msgId ?? `${s.hubId}:${s.period.kind}:${s.period.key}:v${s.version}`,
      });
    };
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: this.db.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  /** Raw sum of `received` over the newest snapshots stored, and how many periods are stored. */
  async storedTotals(): Promise<{ periods: number; received: number }> {
    const [row] = await this.query<{ periods: string; received: string | null }>(
      `SELECT count(*) AS periods, sum((payload->'referrals'->>'received')::int) AS received FROM federation.hub_snapshot`,
    );
    return { periods: Number(row.periods), received: Number(row.received ?? 0) };
  }

  /** Where the snapshots are: each hub's FEDERATION_OUT, FEDERATION_IN and its sources, the consumer. */
  async diagnostics(): Promise<string> {
    const lines: string[] = [`stored ${JSON.stringify(await this.storedTotals())}`];
    for (const [hubId, nc] of this.hubConns) {
      const info = await (
        await jetStreamManager(nc, hubId)
      ).streams
        .info('FEDERATION_OUT')
        .catch((e: Error) => e.message);
      lines.push(`${hubId} FEDERATION_OUT ${JSON.stringify(typeof info === 'string' ? info : info.state)}`);
    }
    const ics = await connect({ servers: this.topology.ics.url });
    try {
      const jsm = await jetStreamManager(ics, 'ics');
      const fin = await jsm.streams.info('FEDERATION_IN');
      lines.push(`FEDERATION_IN ${JSON.stringify(fin.state)}`, `sources ${JSON.stringify(fin.sources)}`);
      const ci = await jsm.consumers.info('FEDERATION_IN', 'federation-snapshots');
      lines.push(
        `consumer delivered ${JSON.stringify(ci.delivered)} ackPending ${ci.num_ack_pending} pending ${ci.num_pending} redelivered ${ci.num_redelivered}`,
      );
    } finally {
      await ics.close();
    }
    return lines.join('\n');
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async login(email: string, password = 'federation-test-pw'): Promise<string> {
    const res = await fetch(this.url('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  /** A token as a hub gateway would issue it (same secret and issuer). */
  static hubToken(role: string, hub: string): string {
    return new JwtService().sign(
      { sub: '0190a0a0-0000-7000-8000-000000000001', hub, role },
      { secret: TEST_JWT_SECRET, issuer: 'linkway', expiresIn: 600, algorithm: 'HS256' },
    );
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    for (const nc of this.hubConns.values()) await nc.close().catch(() => undefined);
    await this.topology.stop();
    await this.db.drop();
  }
}
