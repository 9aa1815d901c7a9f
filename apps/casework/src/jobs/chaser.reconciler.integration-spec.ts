import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
import { DIRECTORY_CAPACITY_RELEASE_V1 } from '@linkway/contracts';
import {
  createTestDatabase,
  messagingNames,
  type NatsServerProcess,
  spawnTs,
  startNatsServer,
  type TestDatabase,
  testUrls,
  type TsChild,
  waitUntil,
} from '@linkway/testing';
import { chaserJobId, ChaserJob, CaseworkQueue } from './queues';

const NUDGE_S = 8;
const EXPIRE_S = 3_600;

/** The reconciler's summary lines so far ({ scanned, recreated }), from the service's JSON logs. */
const reconciled = (service: TsChild) =>
  service.lines
    .filter((line) => line.includes('"chasers reconciled"'))
    .map((line) => (JSON.parse(line) as { message: { scanned: number; recreated: number } }).message);

describe('ChaserReconciler (real Postgres, Redis and casework on a private NATS)', () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let service: TsChild;
  let pg: Client;
  let redis: Redis;
  let queue: Queue;
  let nc: NatsConnection;
  const releases: string[] = [];
  const { redisPrefix } = messagingNames('cw-reconcile');

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('cw-reconcile'), startNatsServer()]);
    service = await spawnTs('apps/casework/src/main.ts', {
      env: {
        DATABASE_URL: db.url,
        NATS_URL: nats.url,
        REDIS_URL: testUrls().redis,
        REDIS_PREFIX: redisPrefix,
        PORT: '0',
        LOG_LEVEL: 'log',
        CASEWORK_CHASER_NUDGE_AFTER_SECONDS: String(NUDGE_S),
        CASEWORK_CHASER_EXPIRE_AFTER_SECONDS: String(EXPIRE_S),
        CASEWORK_CHASER_LOCK_MS: '1500',
        CASEWORK_RECONCILE_EVERY_S: '1',
        NATS_REQUEST_TIMEOUT_MS: '2000',
      },
      readyLine: /service started/,
      readyTimeoutMs: 30_000,
    });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query('SET search_path TO casework');
    redis = new Redis(testUrls().redis);
    queue = new Queue(CaseworkQueue.OnwardChaser, { connection: redis, prefix: `${redisPrefix}:bull` });
    // the directory's side of a release: answered, and counted per reservation
    nc = await connect({ servers: nats.url });
    nc.subscribe(DIRECTORY_CAPACITY_RELEASE_V1, {
      callback: (_, msg) => {
        releases.push((JSON.parse(msg.string()) as { data: { reservationId: string } }).data.reservationId);
        msg.respond(JSON.stringify({ response: { released: true } }));
      },
    });
    await nc.flush();
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await service?.stop();
    await queue?.close();
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis?.disconnect();
    await pg?.end();
    await nats?.stop();
    await db?.drop();
  });

  /** Everything Redis held for casework's queue is gone, as after a crash that lost the AOF. */
  const loseRedis = async () => {
    const keys = await redis.keys(`${redisPrefix}:bull:*`);
    if (keys.length) await redis.del(...keys);
  };

  /** An onward referral stored in Postgres only (its chasers are not in Redis). */
  const storedReferral = async (status: string, sentAt: Date, reservationId: string | null = null) => {
    const caseId = randomUUID();
    await pg.query(
      `INSERT INTO person_case (id, referral_id, person_id, queue, state, referrer_type, needs, home_screen,
         integration_model, safeguarding, opened_at, updated_at)
       VALUES ($1, $2, $3, 'general', 'plan_agreed', 'gp_practice', '{isolation}', '{}', 'none', false, now(), now())`,
      [caseId, randomUUID(), randomUUID()],
    );
    const id = randomUUID();
    await pg.query(
      `INSERT INTO onward_referral (id, case_id, idempotency_key, directory_service_id, service_name,
         partner_organisation_id, reservation_id, status, consent_checked_at, sent_at, created_by, updated_at)
       VALUES ($1, $2, $3, 'svc-1', 'Warm Homes', 'org-1', $4, $5, $6, $6, 'lw-1', now())`,
      [id, caseId, randomUUID(), reservationId, status, sentAt],
    );
    return id;
  };
  const count = async (sql: string, ids: string[]) => (await pg.query<{ n: number }>(sql, [ids])).rows[0].n;
  const nudgeTasks = (ids: string[]) =>
    count(
      `SELECT count(*)::int AS n FROM case_task WHERE kind = 'onward_nudge' AND onward_referral_id = ANY($1::uuid[])`,
      ids,
    );
  const nudgedEvents = (ids: string[]) =>
    count(
      `SELECT count(*)::int AS n FROM outbox WHERE subject = 'evt.casework.onward_referral.nudged.v1'
         AND (payload->>'onwardReferralId')::uuid = ANY($1::uuid[])`,
      ids,
    );
  const jobState = (job: ChaserJob, id: string) => queue.getJobState(chaserJobId(job, id));
  /** Waits until the reconciler has finished `rounds` more passes. */
  const passes = async (rounds: number) => {
    const seen = reconciled(service).length;
    await waitUntil(() => reconciled(service).length >= seen + rounds, { timeoutMs: 15_000 });
  };

  it('re-adds the chasers Redis lost, once each, and each nudge happens once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await storedReferral('sent', new Date()));
    const chasers = ids.flatMap((id) => [
      chaserJobId(ChaserJob.Nudge, id),
      chaserJobId(ChaserJob.Expire, id),
    ]);
    await waitUntil(
      async () =>
        (await Promise.all(chasers.map((id) => queue.getJobState(id)))).every((s) => s !== 'unknown'),
      { timeoutMs: 15_000 },
    );
    // the pass that added them logs its summary after adding: let it finish, or its count of
    // these first adds would be read as re-adds after the loss below
    await passes(1);

    await loseRedis();
    const before = reconciled(service).length;
    await waitUntil(
      async () =>
        (await Promise.all(chasers.map((id) => queue.getJobState(id)))).every((s) => s !== 'unknown'),
      { timeoutMs: 15_000 },
    );
    // the jobs are re-added before the pass logs its summary: wait for the summaries to add up
    const recreatedSince = () => reconciled(service).slice(before).reduce((sum, r) => sum + r.recreated, 0);
    await waitUntil(async () => recreatedSince() >= chasers.length, { timeoutMs: 15_000 }).catch(() => undefined);
    expect(recreatedSince()).toBe(chasers.length);
    const held = await queue.getJobs(['delayed', 'waiting', 'active', 'completed']);
    expect(
      held
        .map((j) => j.id)
        .filter((id) => chasers.includes(id as string))
        .sort(),
    ).toEqual([...chasers].sort());

    await waitUntil(async () => (await nudgeTasks(ids)) === ids.length, { timeoutMs: 20_000 });
    await passes(2);
    expect(await nudgeTasks(ids)).toBe(ids.length);
    expect(await nudgedEvents(ids)).toBe(ids.length);
    for (const id of ids) expect(await jobState(ChaserJob.Nudge, id)).toBe('completed');

    // lost again after the nudges: only the expiries come back, a nudge is never re-added once done
    await loseRedis();
    const lostAgainAt = reconciled(service).length;
    await waitUntil(
      async () =>
        (await Promise.all(ids.map((id) => jobState(ChaserJob.Expire, id)))).every((s) => s === 'delayed'),
      { timeoutMs: 15_000 },
    );
    await passes(1);
    expect(
      reconciled(service)
        .slice(lostAgainAt)
        .reduce((sum, r) => sum + r.recreated, 0),
    ).toBe(ids.length);
    for (const id of ids) expect(await jobState(ChaserJob.Nudge, id)).toBe('unknown');
    expect(await nudgeTasks(ids)).toBe(ids.length);
    expect(await nudgedEvents(ids)).toBe(ids.length);
  }, 90_000);

  it('expires an overdue referral once, and finishes a release a declined referral never marked', async () => {
    const long = new Date(Date.now() - 2 * EXPIRE_S * 1000);
    const overdue = { id: '', reservation: randomUUID() };
    const declined = { id: '', reservation: randomUUID() };
    overdue.id = await storedReferral('sent', long, overdue.reservation);
    declined.id = await storedReferral('declined', long, declined.reservation);
    const ids = [overdue.id, declined.id];
    const unreleased = () =>
      count(
        `SELECT count(*)::int AS n FROM onward_referral WHERE id = ANY($1::uuid[]) AND capacity_released_at IS NULL`,
        ids,
      );
    await waitUntil(async () => (await unreleased()) === 0, { timeoutMs: 20_000 });

    await loseRedis();
    await passes(2);
    expect(await unreleased()).toBe(0);
    expect(releases.filter((r) => r === overdue.reservation)).toHaveLength(1);
    expect(releases.filter((r) => r === declined.reservation)).toHaveLength(1);
    const { rows } = await pg.query<{ id: string; status: string }>(
      `SELECT id, status FROM onward_referral WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [overdue.id]: 'expired',
      [declined.id]: 'declined',
    });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM onward_referral_status WHERE to_status = 'expired' AND onward_referral_id = ANY($1::uuid[])`,
        ids,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM case_notification WHERE kind = 'onward_expired' AND onward_referral_id = ANY($1::uuid[])`,
        ids,
      ),
    ).toBe(1);
    // settled referrals are no longer scanned, so nothing comes back for them
    for (const id of ids) expect(await jobState(ChaserJob.Expire, id)).toBe('unknown');
  }, 90_000);
});
