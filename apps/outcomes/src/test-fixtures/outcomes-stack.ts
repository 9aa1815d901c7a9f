import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type JetStreamClient, type NatsConnection, StringCodec } from 'nats';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import type { EventMap, EventSubject } from '@linkway/contracts';
import { type HubProfile, hubProfileFromPreset } from '@linkway/domain';
import { RequestClient } from '@linkway/messaging';
import {
  createTestDatabase,
  messagingNames,
  type NatsServerProcess,
  spawnTs,
  startNatsServer,
  type TestDatabase,
  testUrls,
  type TsChild,
} from '@linkway/testing';
import { uuidv7 } from '@linkway/util';

const sc = StringCodec();

export interface Seen {
  subject: string;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * The real outcomes service (a child process) on a private nats-server with its own database
 * and Redis prefix: its request subjects are fixed by contract, so a shared NATS would let
 * another run's service answer. Tests publish intake and casework events to JetStream as
 * those services would, and watch what outcomes publishes.
 */
export interface OutcomesStack {
  service: TsChild;
  nats: NatsServerProcess;
  nc: NatsConnection;
  js: JetStreamClient;
  db: Client;
  requests: RequestClient;
  /** Everything published on evt.outcomes.> and fed.> since start. */
  seen: Seen[];
  hubId: string;
  publish<S extends EventSubject>(subject: S, payload: EventMap[S], messageId?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startOutcomesStack(
  label: string,
  profile: (hub: { hubId: string; name: string }) => HubProfile,
  env: Record<string, string> = {},
): Promise<OutcomesStack> {
  const hubId = 'hub1';
  const nats = await startNatsServer();
  const database: TestDatabase = await createTestDatabase(label);
  const names = messagingNames(label);
  const dir = mkdtempSync(join(tmpdir(), 'linkway-outcomes-'));
  const profileFile = join(dir, 'hub.json');
  writeFileSync(profileFile, JSON.stringify(profile({ hubId, name: 'Test Hub' })));
  const service = await spawnTs('apps/outcomes/src/main.ts', {
    env: {
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      REDIS_URL: testUrls().redis,
      REDIS_PREFIX: names.redisPrefix,
      HUB_ID: hubId,
      HUB_NAME: 'Test Hub',
      HUB_PROFILE_FILE: profileFile,
      PORT: '0',
      LOG_LEVEL: 'log',
      OUTCOMES_SNAPSHOT_EVERY_MS: '0',
      HUB_POPULATION: '52000',
      ...env,
    },
    readyLine: /service started/,
    // OUTCOMES_TEST_ECHO=1 shows the service's logs when a test fails
    echoStderr: process.env.OUTCOMES_TEST_ECHO === '1',
    readyTimeoutMs: 30_000,
  });
  const nc = await connect({ servers: nats.url, name: `${label}-test` });
  const js = nc.jetstream();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  await db.query('SET search_path TO outcomes');
  const seen: Seen[] = [];
  for (const filter of ['evt.outcomes.>', 'fed.>']) {
    nc.subscribe(filter, {
      callback: (_, msg) =>
        seen.push({ subject: msg.subject, payload: JSON.parse(sc.decode(msg.data)), at: Date.now() }),
    });
  }
  await nc.flush();
  return {
    service,
    nats,
    nc,
    js,
    db,
    requests: new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 10_000 }),
    seen,
    hubId,
    async publish(subject, payload, messageId = uuidv7()) {
      await js.publish(subject, sc.encode(JSON.stringify(payload)), { msgID: messageId });
    },
    async close() {
      if (process.env.OUTCOMES_TEST_ECHO === '1') console.warn(service.lines.join('\n'));
      await nc.drain().catch(() => undefined);
      await db.end().catch(() => undefined);
      await service.stop();
      await nats.stop();
      await database.drop();
      const redis = new Redis(testUrls().redis);
      const keys = await redis.keys(`${names.redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** A hub profile from a preset, with overrides to its outcomes settings. */
export const profileWith =
  (preset: Parameters<typeof hubProfileFromPreset>[0], outcomes: Partial<HubProfile['outcomes']> = {}) =>
  (hub: { hubId: string; name: string }): HubProfile => {
    const profile = hubProfileFromPreset(preset, hub);
    return { ...profile, outcomes: { ...profile.outcomes, ...outcomes } };
  };
