import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { connect, type JetStreamClient, type NatsConnection, StringCodec, type Subscription } from 'nats';
import { Client } from 'pg';
import type { ReferralAcceptedV1 } from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import {
  freePort,
  type NatsServerProcess,
  spawnTs,
  startNatsServer,
  type TsChild,
  testUrls,
  waitUntil,
} from '@linkway/testing';
import { AccountsService } from '../../accounts/accounts.service';
import type { Role } from '../../auth/roles';
import { bearer, type GatewayHarness, startGateway } from '../../test-fixtures/gateway-test-app';

const sc = StringCodec();

export interface SeenEvent {
  subject: string;
  payload: Record<string, unknown>;
}

/**
 * The real gateway (in-process), the real casework and partner-directory services (child
 * processes) on a private nats-server over one hub database: casework and directory subjects
 * are fixed by contract, so a shared NATS would let another run answer. Intake is stood in for
 * by publishing its accepted-referral events to JetStream, as its outbox relay does.
 */
export interface CaseworkStack {
  gateway: GatewayHarness;
  casework: TsChild;
  directory: TsChild;
  nats: NatsServerProcess;
  nc: NatsConnection;
  js: JetStreamClient;
  requests: RequestClient;
  db: Client;
  events: SeenEvent[];
  /** Env the casework child runs with (for restarts). */
  caseworkEnv: Record<string, string>;
  restartCasework(): Promise<void>;
  killCasework(): Promise<void>;
  chaserQueue: Queue;
  close(): Promise<void>;
}

export async function startCaseworkStack(
  label: string,
  caseworkEnv: Record<string, string>,
): Promise<CaseworkStack> {
  const nats = await startNatsServer();
  const gateway = await startGateway(label, { env: { NATS_URL: nats.url } });
  const prefix = gateway.env.REDIS_PREFIX ?? `test:${randomBytes(4).toString('hex')}`;
  const common = {
    DATABASE_URL: gateway.db.url,
    NATS_URL: nats.url,
    REDIS_URL: testUrls().redis,
    REDIS_PREFIX: prefix,
    HUB_ID: gateway.hubId,
    LOG_LEVEL: 'log',
  };
  const directory = await spawnTs('apps/partner-directory/src/main.ts', {
    env: { ...common, PORT: String(await freePort()) },
    readyLine: /service started/,
    readyTimeoutMs: 30_000,
  });
  const env = { ...common, PORT: '0', ...caseworkEnv };
  const spawnCasework = () =>
    spawnTs('apps/casework/src/main.ts', { env, readyLine: /service started/, readyTimeoutMs: 30_000 });
  let casework = await spawnCasework();
  const nc = await connect({ servers: nats.url, name: `${label}-test` });
  const js = nc.jetstream();
  const requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 10_000 });
  const db = new Client({ connectionString: gateway.db.url });
  await db.connect();
  const events: SeenEvent[] = [];
  const sub: Subscription = nc.subscribe('evt.casework.>', {
    callback: (_, msg) => events.push({ subject: msg.subject, payload: JSON.parse(sc.decode(msg.data)) }),
  });
  const chaserQueue = new Queue('casework-onward-chaser', {
    connection: { url: testUrls().redis, maxRetriesPerRequest: null },
    prefix: `${prefix}:bull`,
  });
  const stack: CaseworkStack = {
    gateway,
    get casework() {
      return casework;
    },
    directory,
    nats,
    nc,
    js,
    requests,
    db,
    events,
    caseworkEnv: env,
    async restartCasework() {
      await casework.stop();
      casework = await spawnCasework();
    },
    async killCasework() {
      await casework.killHard();
      casework = await spawnCasework();
    },
    chaserQueue,
    async close() {
      sub.unsubscribe();
      await casework.stop();
      // after the worker stops, so it cannot write its queue keys back
      await chaserQueue.obliterate({ force: true }).catch(() => undefined);
      await chaserQueue.close();
      await nc.drain().catch(() => undefined);
      await db.end().catch(() => undefined);
      await directory.stop();
      await gateway.close();
      await nats.stop();
    },
  };
  return stack;
}

/** A gateway account (optionally a partner of an organisation) and its token. */
export async function account(
  gateway: GatewayHarness,
  role: Role,
  partnerOrganisationId: string | null = null,
): Promise<{ id: string; token: string; headers: Record<string, string> }> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const email = `${role}.${randomBytes(4).toString('hex')}@test.linkway.test`;
  const { account: created } = await gateway.app
    .get(AccountsService)
    .ensure(
      { hubId: gateway.hubId, email, password, role, displayName: `Test ${role}`, partnerOrganisationId },
      { resetExisting: true },
    );
  const token = await gateway.login(email, password);
  return { id: created.id, token, headers: bearer(token) };
}

/** Intake's accepted-referral event, as its outbox relay publishes it; override what a test is about. */
export function acceptedReferral(overrides: Partial<ReferralAcceptedV1> = {}): ReferralAcceptedV1 {
  return {
    referralId: randomUUID(),
    personId: randomUUID(),
    hubId: 'hub1',
    status: 'accepted',
    channel: 'api',
    queue: 'general',
    needs: ['isolation'],
    referrerType: 'gp_practice',
    homeScreen: [],
    integrationModel: 'universal_screening',
    safeguarding: false,
    identityFollowUp: false,
    snomedCodes: ['871731000000106'],
    declineReason: null,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

export async function publishAccepted(stack: CaseworkStack, event: ReferralAcceptedV1, msgID = randomUUID()) {
  await stack.js.publish('evt.intake.referral.accepted.v1', sc.encode(JSON.stringify(event)), { msgID });
}

/** Waits for casework to open the case of a referral and returns its id. */
export async function caseOf(stack: CaseworkStack, referralId: string): Promise<string> {
  return waitUntil(
    async () => {
      const { rows } = await stack.db.query<{ id: string }>(
        `SELECT id FROM casework.person_case WHERE referral_id = $1`,
        [referralId],
      );
      return rows[0]?.id;
    },
    { timeoutMs: 10_000 },
  );
}
