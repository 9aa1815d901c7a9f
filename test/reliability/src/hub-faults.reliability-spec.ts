/**
 * One hub (gateway, referral-intake, partner-directory) on servers this suite owns, and the
 * faults a hub's IT will ask about: the intake process kill -9'ed under load (1), Postgres
 * stopped under load (2), the hub NATS server kill -9'ed (3), a directory service that stops
 * answering (7). Each prints sent, stored, published, applied, lost, duplicated, recovery s.
 */
import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders } from 'nats';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the e2e harness is shared by path, not a library
import {
  type Hub,
  startHub,
  type OwnedServer,
  type PostgresCluster,
  sleep,
  startNats,
  startPostgresCluster,
  startRedis,
  until,
  referralBody,
  runSalt,
  extraCopies,
  readStream,
  recordScenario,
  secondsSince,
} from '../../harness';

const RECEIVED = 'evt.intake.referral.received.v1';
const REQUEST_TIMEOUT_MS = 2_000;

interface Attempt {
  key: string;
  body: ReturnType<typeof referralBody>;
  status: number | 'no answer';
  id?: string;
  errorBody?: unknown;
}

/** The standard error body, and nothing that looks like a stack trace. */
const isCleanError = (body: unknown, text: string) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { statusCode?: unknown }).statusCode === 'number' &&
  typeof (body as { message?: unknown }).message === 'string' &&
  !/\bat .+\(.+:\d+:\d+\)|stack|node_modules/i.test(text);

describe('hub faults', () => {
  let pg: PostgresCluster;
  let nats: OwnedServer & { store: string };
  let redis: OwnedServer;
  let hub: Hub;
  let token: string;
  const salt = runSalt();
  let serial = 0;

  beforeAll(async () => {
    [pg, nats, redis] = await Promise.all([startPostgresCluster(), startNats(), startRedis()]);
    hub = await startHub({
      hubId: `rel${salt}`,
      pg,
      natsUrl: nats.url,
      redisUrl: redis.url,
      services: ['referral-intake', 'partner-directory'],
      env: { NATS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), DB_POOL_SIZE: '10' },
    });
    token = await hub.token('referrer');
  });

  afterAll(async () => {
    await hub?.stop();
    await Promise.all([nats?.stop(), redis?.stop()]);
    await pg?.destroy();
  });

  const post = async (attempt: Attempt) => {
    try {
      const answer = await hub.api('POST', '/api/v1/referrals', {
        token,
        body: attempt.body,
        headers: { 'idempotency-key': attempt.key },
        timeoutMs: REQUEST_TIMEOUT_MS * 3,
      });
      attempt.status = answer.status;
      if (answer.status === 201) attempt.id = (answer.body as { referral: { id: string } }).referral.id;
      else attempt.errorBody = { body: answer.body, text: answer.text };
    } catch {
      attempt.status = 'no answer';
    }
    return attempt;
  };

  const newAttempt = (): Attempt => {
    serial += 1;
    return { key: randomUUID(), body: referralBody(serial, salt), status: 'no answer' };
  };

  /** Runs `attempts` through `concurrency` workers. */
  const load = async (attempts: Attempt[], concurrency: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < attempts.length) await post(attempts[next++]);
      }),
    );
  };

  /** Stored rows, outbox rows and stream messages for these referral ids. */
  const account = async (ids: string[]) => {
    const db = hub.dbName;
    const stored = await pg.query<{ id: string }>(
      db,
      `SELECT id FROM referral_intake.referral WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const outbox = await pg.query<{ rid: string; published: boolean }>(
      db,
      `SELECT payload->>'referralId' AS rid, published_at IS NOT NULL AS published FROM referral_intake.outbox WHERE subject = $1 AND payload->>'referralId' = ANY($2::text[])`,
      [RECEIVED, ids],
    );
    const wanted = new Set(ids);
    const events = (await readStream(nats.url, 'HUB_EVENTS'))
      .filter((m) => m.subject === RECEIVED)
      .map((m) => (JSON.parse(m.data) as { referralId: string }).referralId)
      .filter((id) => wanted.has(id));
    return { stored, outbox, events };
  };

  it('(1) intake kill -9 five times under 1,000 referrals: every 201 stored and evented once, retries with the same key never duplicate', async () => {
    const attempts = Array.from({ length: 1_000 }, newAttempt);
    const recoveries: number[] = [];
    const intake = hub.services['referral-intake']!;
    // a client that retries every request without a 201 with the same Idempotency-Key and body
    const queue = [...attempts];
    let done = 0;
    let retries = 0;
    const workers = Array.from({ length: 16 }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        await post(a);
        if (a.status === 201) done += 1;
        else {
          retries += 1;
          await sleep(100);
          queue.push(a);
        }
      }
    });
    // five kills at random points of the load (after a random number of 201s)
    const killPoints = Array.from({ length: 5 }, () => 50 + Math.floor(Math.random() * 900)).sort(
      (x, y) => x - y,
    );
    for (const point of killPoints) {
      await until(`${point} referrals answered`, () => done >= point, 120_000, 20);
      const killedAt = Date.now();
      await intake.kill9();
      await sleep(Math.random() * 500);
      await intake.restart();
      recoveries.push(secondsSince(killedAt));
    }
    await Promise.all(workers);
    const firstIds = new Map(attempts.map((a) => [a.key, a.id!]));
    expect(attempts.filter((a) => a.status !== 201)).toEqual([]);
    // a retry of an answered request gives the same referral back (and no second row)
    for (const a of attempts.slice(0, 50)) {
      const again = await post({ ...a });
      expect(again.id).toBe(firstIds.get(a.key));
    }

    const ids = attempts.map((a) => a.id!);
    await until(
      'every received event published',
      async () => {
        const { outbox } = await account(ids);
        return outbox.length >= new Set(ids).size && outbox.every((o) => o.published);
      },
      60_000,
      500,
    );
    const { stored, outbox, events } = await account(ids);
    const storedIds = stored.map((r) => r.id);
    const figures = {
      scenario: '1 intake kill -9 ×5 under 1,000 referrals',
      sent: attempts.length,
      stored: stored.length,
      published: outbox.filter((o) => o.published).length,
      applied: new Set(events).size,
      lost: attempts.length - new Set(storedIds).size,
      duplicated:
        extraCopies(ids) +
        extraCopies(storedIds) +
        extraCopies(outbox.map((o) => o.rid)) +
        extraCopies(events),
      recoverySeconds: Math.max(...recoveries),
      notes: `kills after ${killPoints.join('/')} 201s; kill→healthy ${recoveries.join('/')} s; ${retries} answers other than 201 retried with the same key`,
    };
    recordScenario(figures);
    expect(recoveries).toHaveLength(5);
    expect(figures.lost).toBe(0);
    expect(figures.duplicated).toBe(0);
    expect(new Set(ids).size).toBe(1_000);
    expect(figures.stored).toBe(1_000);
    expect(figures.published).toBe(1_000);
    expect(figures.applied).toBe(1_000);
  });

  it('(2) Postgres stopped -m immediate under load: clean 503s, no partial rows, services reconnect by themselves', async () => {
    const pidsBefore = hub.processes().map((p) => p.pid());
    const attempts: Attempt[] = [];
    let running = true;
    let restartedAt = 0;
    let firstOkAfterRestart = 0;
    const workers = Array.from({ length: 8 }, async () => {
      while (running) {
        const a = await post(newAttempt());
        attempts.push(a);
        if (restartedAt && !firstOkAfterRestart && a.status === 201) firstOkAfterRestart = Date.now();
        if (a.status !== 201) await sleep(50);
      }
    });
    await sleep(1_500);
    pg.stopImmediate();
    const stoppedAt = Date.now();
    await sleep(4_000);
    pg.start();
    restartedAt = Date.now();
    await until('a 201 after the restart', () => firstOkAfterRestart > 0, 60_000, 100);
    await sleep(1_000);
    running = false;
    await Promise.all(workers);

    const failures = attempts.filter((a) => a.status !== 201);
    const statuses = [...new Set(failures.map((a) => a.status))];
    const unclean = failures.filter((a) => {
      const e = a.errorBody as { body: unknown; text: string } | undefined;
      return a.status === 'no answer' || !e || !isCleanError(e.body, e.text);
    });
    // no partial rows: every referral has its person and exactly one received event, and every
    // outbox row its referral; every 201 is stored
    const db = hub.dbName;
    const orphans = await pg.query<{ n: string }>(
      db,
      `SELECT count(*) AS n FROM referral_intake.referral r LEFT JOIN referral_intake.person p ON p.id = r.person_id WHERE p.id IS NULL`,
    );
    const eventless = await pg.query<{ n: string }>(
      db,
      `SELECT count(*) AS n FROM referral_intake.referral r WHERE (SELECT count(*) FROM referral_intake.outbox o WHERE o.subject = $1 AND o.payload->>'referralId' = r.id::text) <> 1`,
      [RECEIVED],
    );
    const okIds = attempts.filter((a) => a.status === 201).map((a) => a.id!);
    await until(
      'every stored referral evented after the restart',
      async () => (await account(okIds)).outbox.every((o) => o.published),
      60_000,
      250,
    );
    const { stored, outbox } = await account(okIds);
    await until(
      'services healthy again',
      async () =>
        (await Promise.all(hub.processes().map(async (p) => (await fetch(`${p.url}/health`)).status))).every(
          (s) => s === 200,
        ),
      30_000,
      250,
    );
    recordScenario({
      scenario: '2 Postgres stop -m immediate 4 s under load',
      sent: attempts.length,
      stored: stored.length,
      published: outbox.filter((o) => o.published).length,
      applied: okIds.length,
      lost: okIds.length - stored.length,
      duplicated: extraCopies(stored.map((s) => s.id)),
      recoverySeconds:
        secondsSince(restartedAt) > 0 ? Number(((firstOkAfterRestart - restartedAt) / 1000).toFixed(2)) : 0,
      notes: `down ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s; ${failures.length} refused with ${statuses.join('/')}; ${unclean.length} unclean`,
    });
    expect(failures.length).toBeGreaterThan(0);
    expect(unclean.map((a) => a.errorBody)).toEqual([]);
    expect(Number(orphans[0].n)).toBe(0);
    expect(Number(eventless[0].n)).toBe(0);
    expect(stored.length).toBe(okIds.length);
    expect(hub.processes().map((p) => p.pid())).toEqual(pidsBefore);
    expect(outbox.every((o) => o.published)).toBe(true);
    // the standard 503 (UNAVAILABLE), not a 500 "Internal error", while the database is away
    expect(statuses).toEqual([503]);
  });

  it('(3) hub NATS kill -9 and restart on the same store: outbox rows wait, then publish once; Nats-Msg-Id rejects duplicates', async () => {
    const before = Array.from({ length: 200 }, newAttempt);
    const loading = load(before, 8);
    await sleep(400);
    await nats.kill9();
    const killedAt = Date.now();
    // while NATS is down, requests cannot reach intake; events committed by a service now
    // (the same INSERT enqueueEvent does) must wait in the outbox
    const waitingIds = Array.from({ length: 50 }, () => randomUUID());
    for (const rid of waitingIds) {
      await pg.query(
        hub.dbName,
        `INSERT INTO referral_intake.outbox (id, subject, payload) VALUES ($1, $2, $3::jsonb)`,
        [randomUUID(), 'evt.harness.waiting.v1', JSON.stringify({ referralId: rid })],
      );
    }
    await sleep(1_000);
    const waiting = await pg.query<{ n: string }>(
      hub.dbName,
      `SELECT count(*) AS n FROM referral_intake.outbox WHERE published_at IS NULL`,
    );
    await nats.restart();
    const restartedAt = Date.now();
    await until(
      'outbox drained',
      async () =>
        Number(
          (
            await pg.query<{ n: string }>(
              hub.dbName,
              `SELECT count(*) AS n FROM referral_intake.outbox WHERE published_at IS NULL`,
            )
          )[0].n,
        ) === 0,
      60_000,
      200,
    );
    const drainedSeconds = secondsSince(restartedAt);
    await loading;
    // retry what got no 201 while the server was down
    for (let round = 0; round < 5 && before.some((a) => a.status !== 201); round++)
      await load(
        before.filter((a) => a.status !== 201),
        8,
      );
    await until(
      'outbox drained again',
      async () =>
        Number(
          (
            await pg.query<{ n: string }>(
              hub.dbName,
              `SELECT count(*) AS n FROM referral_intake.outbox WHERE published_at IS NULL`,
            )
          )[0].n,
        ) === 0,
      60_000,
      200,
    );

    // the relay publishing a row a second time (a crash between publish and mark): the stream's
    // duplicate window drops it by Nats-Msg-Id
    const outboxRows = await pg.query<{ id: string; subject: string; payload: unknown }>(
      hub.dbName,
      `SELECT id, subject, payload FROM referral_intake.outbox WHERE published_at IS NOT NULL ORDER BY id DESC LIMIT 20`,
    );
    const nc = await connect({ servers: nats.url });
    const js = nc.jetstream();
    let dropped = 0;
    for (const row of outboxRows) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', row.id);
      const ack = await js.publish(row.subject, JSON.stringify(row.payload), { headers: h });
      if (ack.duplicate) dropped += 1;
    }
    await nc.close();

    const ids = before.map((a) => a.id!);
    const { stored, outbox, events } = await account(ids);
    const stream = await readStream(nats.url, 'HUB_EVENTS');
    const waitingEvents = stream.filter((m) => m.subject === 'evt.harness.waiting.v1');
    const allMsgIds = stream.map((m) => m.msgId ?? `seq${m.seq}`);
    recordScenario({
      scenario: '3 hub NATS kill -9, restart on same store',
      sent: before.length + waitingIds.length,
      stored: stored.length + waitingIds.length,
      published: outbox.filter((o) => o.published).length + waitingEvents.length,
      applied: new Set(events).size + waitingEvents.length,
      lost:
        before.length - new Set(stored.map((s) => s.id)).size + (waitingIds.length - waitingEvents.length),
      duplicated: extraCopies(events) + extraCopies(allMsgIds),
      recoverySeconds: drainedSeconds,
      notes: `${waiting[0].n} outbox rows waited while NATS was down ${((restartedAt - killedAt) / 1000).toFixed(1)} s; ${dropped}/${outboxRows.length} re-publishes dropped as duplicates`,
    });
    expect(Number(waiting[0].n)).toBeGreaterThanOrEqual(waitingIds.length);
    expect(waitingEvents).toHaveLength(waitingIds.length);
    expect(before.every((a) => a.status === 201)).toBe(true);
    expect(new Set(events).size).toBe(before.length);
    expect(extraCopies(events)).toBe(0);
    expect(extraCopies(allMsgIds)).toBe(0);
    expect(dropped).toBe(outboxRows.length);
  });

  it('(7) partner-directory SIGSTOPped: the directory route answers 504 at the request timeout, then recovers', async () => {
    const directory = hub.services['partner-directory']!;
    const manager = await hub.token('hub_manager');
    const search = () =>
      hub.api('GET', '/api/v1/directory/search?postcode=LS1%204AP', { token: manager, timeoutMs: 20_000 });
    let last: unknown = null;
    await until(
      'the directory answers before the fault',
      async () => {
        const answer = await search();
        last = answer.text.slice(0, 300);
        return answer.status === 200;
      },
      30_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last answer ${String(last)}`);
    });
    directory.pause();
    const timings: number[] = [];
    const answers = [];
    try {
      for (let i = 0; i < 3; i++) {
        const t = Date.now();
        answers.push(await search());
        timings.push(Date.now() - t);
      }
    } finally {
      directory.resume();
    }
    const resumedAt = Date.now();
    await until('directory answers again', async () => (await search()).status === 200, 30_000, 200);
    recordScenario({
      scenario: '7 partner-directory SIGSTOP (gateway directory search)',
      sent: answers.length,
      stored: 0,
      published: 0,
      applied: 0,
      lost: 0,
      duplicated: 0,
      recoverySeconds: secondsSince(resumedAt),
      notes: `answers ${answers.map((a) => a.status).join('/')} after ${timings.join('/')} ms (timeout ${REQUEST_TIMEOUT_MS} ms); casework onward referral not built yet`,
    });
    expect(answers.map((a) => a.status)).toEqual([504, 504, 504]);
    expect(answers.every((a) => isCleanError(a.body, a.text))).toBe(true);
    for (const ms of timings) {
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    }
  });
});
