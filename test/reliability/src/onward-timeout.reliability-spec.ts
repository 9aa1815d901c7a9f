/**
 * (7) A slow partner-directory during casework's onward referral. The directory is SIGSTOPped
 * the moment casework asks it to reserve a place (seen on the wire), so the reserve may or may
 * not have committed when the process froze. Casework must answer TIMEOUT (the gateway's 504) at
 * its request timeout, store no onward referral, and, once the directory runs again, leave no
 * more than the one place the frozen reserve may have taken (casework's reservation-cleanup job
 * releases it; the release time is recorded). A retry with the same key then refers once and
 * holds exactly one place.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import {
  CASEWORK_ONWARD_REFERRAL_CREATE_V1,
  CASEWORK_ONWARD_REFERRAL_NUDGED_V1,
  CASEWORK_PLAN_SAVE_V1,
  CASEWORK_PRACTITIONER_SAVE_V1,
  DIRECTORY_CAPACITY_RESERVE_V1,
  DIRECTORY_ORGANIZATION_SAVE_V1,
  DIRECTORY_SERVICE_SAVE_V1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the e2e harness is shared by path, not a library
import {
  type Hub,
  type OwnedServer,
  type PostgresCluster,
  recordFigure,
  recordScenario,
  runSalt,
  secondsSince,
  sleep,
  startHub,
  startNats,
  startPostgresCluster,
  startRedis,
  until,
} from '../../harness';

const CASEWORK_TIMEOUT_MS = 2_000;
const NUDGE_AFTER_S = 4;
const EXPIRE_AFTER_S = 9;
const RECONCILE_EVERY_S = 2;
/** Casework's chaser queue and job names (apps/casework/src/jobs/queues.ts; never renamed); ids are `<job>-<onward id>`. */
const CHASER_QUEUE = 'casework-onward-chaser';
const CHASER_JOBS = ['onward-referral-nudge', 'onward-referral-expire'];
const MANAGER = { accountId: 'reliability', role: 'hub_manager' };

describe('onward referral with a frozen directory', () => {
  let pg: PostgresCluster;
  let nats: OwnedServer;
  let redis: OwnedServer;
  let hub: Hub;
  let nc: NatsConnection;
  let requests: RequestClient;
  const openQueues: Queue[] = [];
  const salt = runSalt();

  beforeAll(async () => {
    [pg, nats, redis] = await Promise.all([startPostgresCluster(), startNats(), startRedis()]);
    hub = await startHub({
      hubId: `onw${salt}`,
      pg,
      natsUrl: nats.url,
      redisUrl: redis.url,
      services: ['casework', 'partner-directory'],
      env: {
        NATS_REQUEST_TIMEOUT_MS: String(CASEWORK_TIMEOUT_MS),
        // chasers in seconds instead of days; a dead worker's job is retried after ~1 s
        CASEWORK_CHASER_NUDGE_AFTER_SECONDS: String(NUDGE_AFTER_S),
        CASEWORK_CHASER_EXPIRE_AFTER_SECONDS: String(EXPIRE_AFTER_S),
        CASEWORK_CHASER_LOCK_MS: '1000',
        // scenario 4: chasers Redis lost are re-created from Postgres within seconds
        CASEWORK_RECONCILE_EVERY_S: String(RECONCILE_EVERY_S),
      },
    });
    nc = await connect({ servers: nats.url });
    requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 15_000 });
  });

  afterAll(async () => {
    hub?.services['partner-directory']?.resume();
    await Promise.all(openQueues.map((q) => q.close()));
    await nc?.close();
    await hub?.stop();
    await Promise.all([nats?.stop(), redis?.stop()]);
    await pg?.destroy();
  });

  const db = () => hub.dbName;
  let serviceId = '';

  /** A case with a plan, opened from an accepted-referral event as intake would send it. */
  const openCase = async (): Promise<string> => {
    const referralId = randomUUID();
    await nc.jetstream().publish(
      'evt.intake.referral.accepted.v1',
      JSON.stringify({
        referralId,
        personId: randomUUID(),
        hubId: hub.hubId,
        status: 'accepted',
        channel: 'api',
        queue: 'general',
        needs: ['isolation'],
        referrerType: 'gp_practice',
        homeScreen: [],
        integrationModel: 'embedded_specialist',
        safeguarding: false,
        identityFollowUp: false,
        snomedCodes: [],
        declineReason: null,
        occurredAt: new Date().toISOString(),
      }),
      { msgID: randomUUID() },
    );
    let caseId = '';
    await until(
      'case opened',
      async () => {
        const rows = await pg.query<{ id: string }>(
          db(),
          `SELECT id FROM casework.person_case WHERE referral_id = $1`,
          [referralId],
        );
        caseId = rows[0]?.id ?? '';
        return Boolean(caseId);
      },
      60_000,
      100,
    );
    await requests.request(CASEWORK_PLAN_SAVE_V1, {
      actor: MANAGER,
      caseId,
      goals: [{ goal: 'g', whyItMatters: 'w', steps: [], whoHelps: [], status: 'not_started' }],
    } as never);
    return caseId;
  };

  const ensureService = async () => {
    if (serviceId) return serviceId;
    await requests.request(CASEWORK_PRACTITIONER_SAVE_V1, {
      actor: MANAGER,
      accountId: `acct-${salt}`,
      name: 'Practitioner',
      role: 'link_worker',
      hoursPerWeek: 37.5,
      caseloadCapacity: 100,
      startedOn: '2025-01-01',
    } as never);
    const org = await requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, {
      name: 'Partner',
      description: 'reliability',
    } as never);
    const saved = await requests.request(DIRECTORY_SERVICE_SAVE_V1, {
      service: {
        organizationId: (org as { id: string }).id,
        name: 'Service',
        status: 'active',
        referral: { route: 'in_platform' },
        capacity: { accepting: 'yes' },
      },
    } as never);
    serviceId = (saved.service as { id: string }).id;
    return serviceId;
  };

  it('(5) casework kill -9 while chasers run: every nudge and every expiry happens once', async () => {
    await ensureService();
    const caseIds: string[] = [];
    for (let i = 0; i < 20; i++) caseIds.push(await openCase());
    const onwardIds: string[] = [];
    for (const caseId of caseIds) {
      const view = await requests.request(CASEWORK_ONWARD_REFERRAL_CREATE_V1, {
        actor: MANAGER,
        caseId,
        directoryServiceId: serviceId,
        consentToShare: true,
        idempotencyKey: randomUUID(),
      } as never);
      onwardIds.push((view as { id: string }).id);
    }
    const createdAt = Date.now();
    const casework = hub.services.casework!;
    // kill as the nudges fall due, and again as the expiries do
    const kills: number[] = [];
    for (const dueS of [NUDGE_AFTER_S, EXPIRE_AFTER_S]) {
      const wait = createdAt + dueS * 1000 + 100 - Date.now();
      if (wait > 0) await sleep(wait);
      const t = Date.now();
      await casework.kill9();
      await casework.restart();
      kills.push(secondsSince(t));
    }
    const count = async (sql: string) => Number((await pg.query<{ n: string }>(db(), sql, [onwardIds]))[0].n);
    const expiredSql = `SELECT count(*) AS n FROM casework.onward_referral WHERE id = ANY($1::uuid[]) AND status = 'expired'`;
    const t = Date.now();
    await until(
      'every referral expired',
      async () => (await count(expiredSql)) === onwardIds.length,
      120_000,
      500,
    ).catch(() => undefined);
    const settled = secondsSince(t);
    const nudgeTasks = await count(
      `SELECT count(*) AS n FROM casework.case_task WHERE kind = 'onward_nudge' AND onward_referral_id = ANY($1::uuid[])`,
    );
    const nudgeEvents = await count(
      `SELECT count(*) AS n FROM casework.outbox WHERE subject = '${CASEWORK_ONWARD_REFERRAL_NUDGED_V1}' AND (payload->>'onwardReferralId')::uuid = ANY($1::uuid[])`,
    );
    const expiredNotes = await count(
      `SELECT count(*) AS n FROM casework.case_notification WHERE kind = 'onward_expired' AND onward_referral_id = ANY($1::uuid[])`,
    );
    const expired = await count(expiredSql);
    const [held] = await pg.query<{ n: string }>(
      db(),
      `SELECT count(*) AS n FROM partner_directory.capacity_reservations WHERE service_id = $1 AND released_at IS NULL AND reference = ANY($2::text[])`,
      [serviceId, onwardIds],
    );
    recordScenario({
      scenario: '5 casework kill -9 as nudges, then expiries, fall due',
      sent: onwardIds.length,
      stored: onwardIds.length,
      published: nudgeEvents,
      applied: expired,
      lost: onwardIds.length - expired + Math.max(0, onwardIds.length - nudgeTasks),
      duplicated:
        Math.max(0, nudgeTasks - onwardIds.length) +
        Math.max(0, nudgeEvents - onwardIds.length) +
        Math.max(0, expiredNotes - onwardIds.length),
      recoverySeconds: settled,
      notes: `${onwardIds.length} onward referrals; kill→healthy ${kills.join('/')} s; nudge tasks ${nudgeTasks}, nudged events ${nudgeEvents}, expired ${expired}, expiry notices ${expiredNotes}, places still held ${held.n}`,
    });
    expect(nudgeTasks).toBe(onwardIds.length);
    expect(nudgeEvents).toBe(onwardIds.length);
    expect(expired).toBe(onwardIds.length);
    expect(expiredNotes).toBe(onwardIds.length);
  });

  it('(4) Redis kill -9 mid-enqueue and back without its last writes: the reconciler re-creates the lost chasers and every stored onward referral is nudged once', async () => {
    await ensureService();
    const caseIds: string[] = [];
    for (let i = 0; i < 20; i++) caseIds.push(await openCase());
    const chasers = new Queue(CHASER_QUEUE, {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: `${hub.env.REDIS_PREFIX}:bull`,
    });
    openQueues.push(chasers);
    const enqueued = async (ids: string[]) =>
      (
        await Promise.all(ids.flatMap((id) => CHASER_JOBS.map((job) => chasers.getJobState(`${job}-${id}`))))
      ).every((state) => state !== 'unknown');
    const onwardIds: string[] = [];
    const answers: string[] = [];
    const create = (caseId: string) =>
      requests
        .request(CASEWORK_ONWARD_REFERRAL_CREATE_V1, {
          actor: MANAGER,
          caseId,
          directoryServiceId: serviceId,
          consentToShare: true,
          idempotencyKey: randomUUID(),
        } as never)
        .then(
          (view) => {
            onwardIds.push((view as { id: string }).id);
            answers.push('ok');
          },
          (error: { code?: string }) => answers.push(error.code ?? 'error'),
        );
    // A kill -9 of the process loses nothing (the OS still holds the AOF); a machine crash loses
    // what was not fsynced (everysec: about the last second). So Redis's AOF is copied, two more
    // referrals are sent and their chasers enqueued (the inbox consumer has acked their events:
    // nothing will schedule them again), Redis is killed, and it restarts 2 s later from the copy.
    const admin = new Redis(redis.url);
    const [, redisDir] = (await admin.config('GET', 'dir')) as string[];
    const [, aofDirName] = (await admin.config('GET', 'appenddirname')) as string[];
    admin.disconnect();
    const aof = join(redisDir, aofDirName);
    const aofCopy = `${redisDir}-aof-copy`;
    for (let i = 0; i < 6; i += 2) await Promise.all(caseIds.slice(i, i + 2).map(create));
    await until('first chasers enqueued', () => enqueued(onwardIds), 30_000, 100);
    cpSync(aof, aofCopy, { recursive: true });
    const copiedAt = Date.now();
    const beforeCopy = onwardIds.length;
    await Promise.all(caseIds.slice(6, 8).map(create));
    const lostWindow = onwardIds.slice(beforeCopy);
    await until('window chasers enqueued', () => enqueued(lostWindow), 30_000, 50);
    await redis.kill9();
    const killedAt = Date.now();
    rmSync(aof, { recursive: true, force: true });
    cpSync(aofCopy, aof, { recursive: true });
    rmSync(aofCopy, { recursive: true, force: true });
    let restartedAt = 0;
    let lostAtRestart = 0;
    const restarted = sleep(2_000)
      .then(() => redis.restart())
      .then(async () => {
        restartedAt = Date.now();
        // a figure only: casework may reconnect and reconcile within moments of the restart
        lostAtRestart = (await enqueued(lostWindow)) ? 0 : lostWindow.length;
      });
    // creates go on while Redis is down: their chasers are enqueued when it is back
    for (let i = 8; i < caseIds.length; i += 2) await Promise.all(caseIds.slice(i, i + 2).map(create));
    await restarted;
    // what casework stored is the truth: every stored onward referral must be chased
    const stored = (
      await pg.query<{ id: string }>(
        db(),
        `SELECT id FROM casework.onward_referral WHERE case_id = ANY($1::uuid[])`,
        [caseIds],
      )
    ).map((r) => r.id);
    const nudged = async () =>
      Number(
        (
          await pg.query<{ n: string }>(
            db(),
            `SELECT count(DISTINCT onward_referral_id) AS n FROM casework.case_task WHERE kind = 'onward_nudge' AND onward_referral_id = ANY($1::uuid[])`,
            [stored],
          )
        )[0].n,
      );
    await until(
      'every stored referral nudged',
      async () => (await nudged()) === stored.length,
      (NUDGE_AFTER_S + RECONCILE_EVERY_S + 40) * 1000,
      250,
    ).catch(() => undefined);
    const recoverySeconds = secondsSince(restartedAt);
    // one more reconciler pass after the last nudge: nothing is nudged twice
    await sleep(RECONCILE_EVERY_S * 1000 + 500);
    const nudgedCount = await nudged();
    const [tasks] = await pg.query<{ n: string }>(
      db(),
      `SELECT count(*) AS n FROM casework.case_task WHERE kind = 'onward_nudge' AND onward_referral_id = ANY($1::uuid[])`,
      [stored],
    );
    const [events] = await pg.query<{ n: string }>(
      db(),
      `SELECT count(*) AS n FROM casework.outbox WHERE subject = '${CASEWORK_ONWARD_REFERRAL_NUDGED_V1}' AND (payload->>'onwardReferralId')::uuid = ANY($1::uuid[])`,
      [stored],
    );
    const lostRecovered = await enqueued(lostWindow);
    // the reconciler's own count, from casework's log lines after Redis was back
    const recreated = (hub.services.casework?.logs() ?? [])
      .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
      .filter((line) => line.includes('"chasers reconciled"'))
      .map((line) => JSON.parse(line) as { timestamp: number; message: { recreated: number } })
      .filter((line) => line.timestamp >= killedAt)
      .reduce((sum, line) => sum + line.message.recreated, 0);
    recordScenario({
      scenario: '4 Redis kill -9 mid-enqueue, back without its last writes (AOF everysec)',
      sent: caseIds.length,
      stored: stored.length,
      published: Number(events.n),
      applied: Number(tasks.n),
      lost: stored.length - nudgedCount,
      duplicated: Math.max(0, Number(tasks.n) - nudgedCount) + Math.max(0, Number(events.n) - nudgedCount),
      recoverySeconds,
      notes: `answers ${[...new Set(answers)].map((a) => `${a} ×${answers.filter((x) => x === a).length}`).join(', ')}; AOF copied ${killedAt - copiedAt} ms before the kill; chasers of ${lostAtRestart} referrals missing at restart; reconciler re-created ${recreated} jobs (every ${RECONCILE_EVERY_S} s); Redis down ${((restartedAt - killedAt) / 1000).toFixed(1)} s; ${nudgedCount} of ${stored.length} nudged, ${tasks.n} tasks, ${events.n} nudged events`,
    });
    recordFigure('reliability', 'scenario 4: chaser jobs re-created by the reconciler', recreated);
    recordFigure('reliability', 'scenario 4: Redis back → every stored referral nudged (s)', recoverySeconds);
    expect(lostWindow.length).toBe(2);
    // the window's chasers were enqueued after the AOF copy, and their events already acked:
    // only the reconciler can have put those 2 × 2 jobs back
    expect(lostRecovered).toBe(true);
    expect(recreated).toBeGreaterThanOrEqual(2 * lostWindow.length);
    expect(stored.length).toBe(onwardIds.length);
    expect(nudgedCount).toBe(stored.length);
    expect(Number(tasks.n)).toBe(stored.length);
    expect(Number(events.n)).toBe(stored.length);
  });

  it('(7) answers TIMEOUT at its timeout, stores nothing, holds at most the place of the frozen reserve; the retry refers once', async () => {
    const db = hub.dbName;
    const service = { id: await ensureService() };
    const caseId = await openCase();

    // freeze the directory the moment casework asks it to reserve
    const directory = hub.services['partner-directory']!;
    let frozenAt = 0;
    const tap = nc.subscribe(DIRECTORY_CAPACITY_RESERVE_V1, {
      callback: () => {
        if (!frozenAt) {
          directory.pause();
          frozenAt = Date.now();
        }
      },
    });
    const idempotencyKey = randomUUID();
    const create = () =>
      requests.request(CASEWORK_ONWARD_REFERRAL_CREATE_V1, {
        actor: MANAGER,
        caseId,
        directoryServiceId: service.id,
        consentToShare: true,
        idempotencyKey,
      } as never);
    const t0 = Date.now();
    const failure = await create().then(
      () => null,
      (error: { code?: string; message?: string }) => error,
    );
    const answeredMs = Date.now() - t0;
    tap.unsubscribe();
    const storedWhileFrozen = await pg.query<{ n: string }>(
      db,
      `SELECT count(*) AS n FROM casework.onward_referral WHERE case_id = $1`,
      [caseId],
    );
    directory.resume();
    const resumedAt = Date.now();
    const openReservations = async () =>
      Number(
        (
          await pg.query<{ n: string }>(
            db,
            `SELECT count(*) AS n FROM partner_directory.capacity_reservations WHERE service_id = $1 AND released_at IS NULL`,
            [service.id],
          )
        )[0].n,
      );
    let open = -1;
    await until(
      'no place left reserved',
      async () => (open = await openReservations()) === 0,
      60_000,
      500,
    ).catch(() => undefined);
    const cleanupSeconds = secondsSince(resumedAt);

    // the retry with the same key: one referral, one place
    await until(
      'directory answering',
      async () =>
        Boolean(
          await create().then(
            () => true,
            () => false,
          ),
        ),
      30_000,
      500,
    );
    const [after] = await pg.query<{ n: string }>(
      db,
      `SELECT count(*) AS n FROM casework.onward_referral WHERE case_id = $1`,
      [caseId],
    );
    const heldAfter = await openReservations();
    recordScenario({
      scenario: '7 onward referral, partner-directory SIGSTOPped at reserve',
      sent: 1,
      stored: Number(after.n),
      published: 0,
      applied: heldAfter,
      lost: 0,
      duplicated: Math.max(0, Number(after.n) - 1) + Math.max(0, heldAfter - 1),
      recoverySeconds: cleanupSeconds,
      notes: `answered ${failure?.code ?? 'OK'} after ${answeredMs} ms (casework timeout ${CASEWORK_TIMEOUT_MS} ms); stored while frozen ${storedWhileFrozen[0].n}; open reservations after resume → ${open} ${open === 0 ? `in ${cleanupSeconds} s` : `still after ${cleanupSeconds} s (cleanup job backing off)`}; retry: ${after.n} referral, ${heldAfter} place`,
    });
    expect(frozenAt).toBeGreaterThan(0);
    expect(failure?.code).toBe('TIMEOUT');
    expect(Number(storedWhileFrozen[0].n)).toBe(0);
    // the frozen reserve may have committed: at most that one place is held for the failed request
    // (casework's cleanup job releases it when its retry backoff next runs: 2.6 s in one run, over
    // 2 minutes in another), and the retry with the same key adopts it rather than taking another
    expect(open).toBeLessThanOrEqual(1);
    expect(Number(after.n)).toBe(1);
    expect(heldAfter).toBe(1);
  });
});
