import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connect, type NatsConnection, StringCodec } from 'nats';
import { spawnTs, startNatsServer, type NatsServerProcess, type TsChild, testUrls } from '@linkway/testing';
import { bearer, type GatewayHarness, startGateway } from '../../test-fixtures/gateway-test-app';
import type { Role } from '../../auth/roles';

/**
 * The real gateway (in-process) and the real referral-intake service (a child process) on a
 * private nats-server, over one hub database: intake subjects are fixed by contract, so a
 * shared NATS would let another run's intake answer this one's requests.
 */
export interface IntakeStack {
  gateway: GatewayHarness;
  intake: TsChild;
  nats: NatsServerProcess;
  /** A client on the private NATS, for watching events. */
  nc: NatsConnection;
  db: Client;
  token(role: Role): Promise<string>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function startIntakeStack(
  label: string,
  intakeEnv: Record<string, string>,
  gatewayEnv: Record<string, string> = {},
): Promise<IntakeStack> {
  const nats = await startNatsServer();
  const gateway = await startGateway(label, { env: { NATS_URL: nats.url, ...gatewayEnv } });
  const intake = await spawnTs('apps/referral-intake/src/main.ts', {
    env: {
      DATABASE_URL: gateway.db.url,
      NATS_URL: nats.url,
      REDIS_URL: testUrls().redis,
      REDIS_PREFIX: gateway.env.REDIS_PREFIX ?? `test:${randomBytes(4).toString('hex')}`,
      HUB_ID: gateway.hubId,
      PORT: '0',
      LOG_LEVEL: 'log',
      ...intakeEnv,
    },
    readyLine: /service started/,
    readyTimeoutMs: 30_000,
  });
  const nc = await connect({ servers: nats.url, name: `${label}-watch` });
  const db = new Client({ connectionString: gateway.db.url });
  await db.connect();
  const tokens = new Map<Role, string>();
  return {
    gateway,
    intake,
    nats,
    nc,
    db,
    async token(role) {
      if (!tokens.has(role)) tokens.set(role, (await gateway.givenAccount(role)).token);
      return tokens.get(role) as string;
    },
    async count(table) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0].n;
    },
    async close() {
      await nc.drain().catch(() => undefined);
      await db.end().catch(() => undefined);
      await intake.stop();
      await gateway.close();
      await nats.stop();
    },
  };
}

export { bearer, StringCodec };

let counter = 0;
/** A valid referral body; override what a test is about. NHS numbers are generated mod-11 valid. */
export function referralBody(overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) {
  counter += 1;
  return {
    referrerType: 'gp_practice',
    person: {
      nhsNumber: validNhsNumber(),
      givenName: 'Ada',
      familyName: `Test${counter}`,
      dateOfBirth: '1950-12-10',
      postcode: 'LS1 4AP',
      ...person,
    },
    consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-01T10:00:00Z' },
    reasons: ['isolation'],
    ...overrides,
  };
}

/** A random NHS number that passes the modulus 11 check. */
export function validNhsNumber(): string {
  for (;;) {
    const digits = [...randomBytes(9)].map((b) => b % 10);
    digits[0] = digits[0] === 0 ? 4 : digits[0];
    const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}
