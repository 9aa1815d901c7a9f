import type { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { CreateReferralV1, ReferralCreatedV1, ReferralDraftV1 } from '@linkway/contracts';
import {
  createTestDatabase,
  messagingNames,
  type NatsServerProcess,
  startNatsServer,
  type TestDatabase,
  testUrls,
} from '@linkway/testing';
import { ReferralService } from './referral.service';

const person = (givenName: string, nhsNumber?: string): ReferralDraftV1['person'] => ({
  givenName,
  familyName: 'Batch',
  dateOfBirth: '1950-01-01',
  postcode: 'LS1 4AP',
  ...(nhsNumber ? { nhsNumber } : {}),
});

const command = (
  key: string,
  who: ReferralDraftV1['person'],
  extra: Partial<ReferralDraftV1> = {},
): CreateReferralV1 => ({
  actor: { accountId: null, role: 'import' },
  channel: 'import',
  idempotencyKey: `import:batch-spec:${key}`,
  referral: {
    referrerType: 'vcse',
    person: who,
    consent: { givenBy: 'person', method: 'written', recordedAt: '2026-10-01T10:00:00Z' },
    reasons: ['isolation', 'money_debt'],
    homeScreen: ['cold_or_damp'],
    ...extra,
  },
});

const OPEN_NHS = '9434765919';
const WAIT_MS = 1_000;
const seed = command('seed', person('Open', OPEN_NHS));
const batch = [
  command('b0', person('Twice')),
  command('b1', person('Other'), { safeguarding: true }),
  command('b2', person('Twice'), { reasons: ['isolation'] }),
  command('b3', person('Open', OPEN_NHS)),
  command('b4', person('Twice'), { note: 'third time' }),
];

describe(`${ReferralService.name}.createMany (real Postgres, integration)`, () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let app: INestApplicationContext;
  let sut: ReferralService;
  let dataSource: DataSource;

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('intake-batch'), startNatsServer()]);
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      REDIS_URL: testUrls().redis,
      REDIS_PREFIX: messagingNames('intake-batch').redisPrefix,
      HUB_ID: 'hub1',
      HUB_PROFILE: 'community_centre',
      LOG_LEVEL: 'error',
      // how long a live create may wait for its group (callers wait no longer for an answer)
      NATS_REQUEST_TIMEOUT_MS: String(WAIT_MS),
    });
    // the module reads its configuration when imported, so only after the environment is set
    const { AppModule } = await import('../app.module');
    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    sut = app.get(ReferralService);
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nats?.stop();
    await db?.drop();
  });

  /** Everything the creates stored, with generated ids replaced by the command that made them. */
  const stored = async (ids: string[]) => {
    const ref = (id: string | null) => (id === null ? null : `#${ids.indexOf(id)}`);
    const referrals = (await dataSource.query(
      `SELECT id, person_id, status, queue, duplicate_of FROM referral`,
    )) as Array<{
      id: string;
      person_id: string;
      status: string;
      queue: string | null;
      duplicate_of: string | null;
    }>;
    const people = new Map<string, string>();
    for (const id of ids) {
      const personId = referrals.find((r) => r.id === id)?.person_id;
      if (personId && !people.has(personId)) people.set(personId, `p${people.size}`);
    }
    const transitions = (await dataSource.query(
      `SELECT referral_id, from_status, to_status, actor_role FROM referral_transition`,
    )) as Array<{ referral_id: string; from_status: string | null; to_status: string; actor_role: string }>;
    const outbox = (await dataSource.query(`SELECT subject, payload FROM outbox ORDER BY id`)) as Array<{
      subject: string;
      payload: Record<string, unknown>;
    }>;
    const keys = (await dataSource.query(`SELECT key, response FROM idempotency_key`)) as Array<{
      key: string;
      response: ReferralCreatedV1;
    }>;
    const byRef = <T extends { ref: string | null }>(rows: T[]) =>
      rows.sort((a, b) => String(a.ref).localeCompare(String(b.ref)));
    return {
      people: (await dataSource.query(`SELECT count(*)::int AS n FROM person`)) as unknown,
      referrals: byRef(
        referrals.map((r) => ({
          ref: ref(r.id),
          person: people.get(r.person_id),
          status: r.status,
          queue: r.queue,
          duplicateOf: ref(r.duplicate_of),
        })),
      ),
      transitions: byRef(
        transitions.map((t) => ({
          ref: ref(t.referral_id),
          from: t.from_status,
          to: t.to_status,
          role: t.actor_role,
        })),
      ),
      events: outbox.map(({ subject, payload }) => {
        const { referralId, personId, occurredAt, ...rest } = payload;
        expect(occurredAt).toEqual(expect.any(String));
        return { subject, ref: ref(referralId as string), person: people.get(personId as string), ...rest };
      }),
      keys: byRef(
        keys.map(({ key, response }) => ({
          key,
          ref: ref(response.referral.id),
          statusCode: response.statusCode,
          duplicateOf: ref(response.duplicateOf),
        })),
      ),
    };
  };

  const reset = () =>
    dataSource.query(`TRUNCATE referral_transition, handoff, referral, person, idempotency_key, outbox`);

  it('links a person twice in a batch and a person with an open referral exactly as one-by-one creates do', async () => {
    const open = await sut.create(seed);
    // a failed batch is redone one by one, which would hide a wrong batch statement
    const fellBack = jest.spyOn((sut as unknown as { logger: Logger }).logger, 'warn');
    const results = await sut.createMany(batch);
    expect(fellBack).not.toHaveBeenCalled();
    const answers = results.map((r) => {
      if (r instanceof Error) throw r;
      return r;
    });
    const ids = [open.referral.id, ...answers.map((a) => a.referral.id)];
    expect(answers.map((a) => [a.statusCode, a.referral.status, a.duplicateOf])).toEqual([
      [201, 'received', null],
      [201, 'safeguarding_review', null],
      [200, 'linked', ids[1]],
      [200, 'linked', open.referral.id],
      [200, 'linked', ids[1]],
    ]);
    // the later referrals of one person are the same person, not new ones
    expect(answers[2].referral.personId).toBe(answers[0].referral.personId);
    expect(answers[3].referral.personId).toBe(open.referral.personId);
    const batched = await stored(ids);
    expect(batched.events.map((e) => [e.subject, e.ref])).toEqual([
      ['evt.intake.referral.received.v1', '#0'],
      ['evt.intake.referral.received.v1', '#1'],
      ['evt.intake.referral.received.v1', '#2'],
      ['evt.intake.referral.safeguarding.v1', '#2'],
    ]);

    // a replay of the batch answers from the stored keys and writes nothing
    const again = (await sut.createMany(batch)) as ReferralCreatedV1[];
    expect(again.map((a) => [a.replayed, a.referral.id])).toEqual(answers.map((a) => [true, a.referral.id]));
    expect(await stored(ids)).toEqual(batched);

    await reset();
    const first = await sut.create(seed);
    const oneByOne: ReferralCreatedV1[] = [];
    for (const c of batch) oneByOne.push(await sut.create(c));
    const single = await stored([first.referral.id, ...oneByOne.map((a) => a.referral.id)]);
    expect(batched).toEqual(single);
    expect(answers.map((a) => [a.statusCode, a.linked, a.referral.queue])).toEqual(
      oneByOne.map((a) => [a.statusCode, a.linked, a.referral.queue]),
    );
  });

  it('groups live creates that arrive together into one transaction, each caller getting its own answer or error', async () => {
    await reset();
    const first = await sut.create(seed);
    const grouped = jest.spyOn(sut, 'createMany');
    const invalid = command('bad', { ...person('Future'), dateOfBirth: '2999-01-01' });
    const arriving = [...batch.slice(0, 3), invalid, ...batch.slice(3)];
    const settled = await Promise.allSettled(arriving.map((c) => sut.createGrouped(c)));
    // one group for all six (they arrived in one turn of the event loop)
    expect(grouped.mock.calls.map(([commands]) => commands.length)).toEqual([6]);
    grouped.mockRestore();
    expect(settled[3]).toMatchObject({ status: 'rejected', reason: { code: 'VALIDATION_FAILED' } });
    const answers = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const together = await stored([first.referral.id, ...answers.map((a) => a.referral.id)]);

    await reset();
    const again = await sut.create(seed);
    const oneByOne: ReferralCreatedV1[] = [];
    for (const c of batch) oneByOne.push(await sut.create(c));
    expect(together).toEqual(await stored([again.referral.id, ...oneByOne.map((a) => a.referral.id)]));
    expect(answers.map((a) => [a.statusCode, a.referral.status, a.linked])).toEqual(
      oneByOne.map((a) => [a.statusCode, a.referral.status, a.linked]),
    );
  });

  it('creates a lone live create at once, as create() does', async () => {
    await reset();
    const grouped = jest.spyOn(sut, 'createMany');
    const answer = await sut.createGrouped(command('alone', person('Alone')));
    expect(grouped).not.toHaveBeenCalled();
    grouped.mockRestore();
    expect(answer).toMatchObject({ statusCode: 201, replayed: false, referral: { status: 'received' } });
  });

  it('writes a group without keys, each for another person, as its one statement (no BEGIN/COMMIT), events and all', async () => {
    await reset();
    const unkeyed = ['One', 'Two', 'Three'].map((name) => ({
      ...command(name, person(name)),
      idempotencyKey: undefined,
    }));
    const transaction = jest.spyOn(dataSource, 'transaction');
    const query = jest.spyOn(dataSource, 'query');
    const answers = (await sut.createMany(unkeyed)) as ReferralCreatedV1[];
    const statements = query.mock.calls.length;
    transaction.mockRestore();
    query.mockRestore();
    expect(transaction).not.toHaveBeenCalled();
    expect(statements).toBe(1);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    const events = (await dataSource.query(
      `SELECT payload->>'referralId' AS id FROM outbox WHERE subject = 'evt.intake.referral.received.v1'`,
    )) as Array<{ id: string }>;
    expect(events.map((e) => e.id).sort()).toEqual(answers.map((a) => a.referral.id).sort());

    // such a statement lost with its connection may have committed: every row hears the error
    const lost = new Error('Connection terminated unexpectedly');
    const failing = jest.spyOn(dataSource, 'query').mockRejectedValueOnce(lost);
    const more = ['Four', 'Five'].map((name) => ({
      ...command(name, person(name)),
      idempotencyKey: undefined,
    }));
    expect(await sut.createMany(more)).toEqual([lost, lost]);
    failing.mockRestore();
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM referral`)).toEqual([{ n: 3 }]);
  });

  it('does not redo rows without a key when the outcome of the batch is unknown (connection lost)', async () => {
    await reset();
    const lost = new Error('Connection terminated unexpectedly');
    const failing = jest.spyOn(dataSource, 'transaction').mockRejectedValueOnce(lost);
    const unkeyed = { ...command('u', person('Unkeyed')), idempotencyKey: undefined };
    const keyed = command('k', person('Keyed'));
    const [first, second] = await sut.createMany([unkeyed, keyed]);
    failing.mockRestore();
    // the unkeyed row might have committed: the caller hears the error and nothing is redone
    expect(first).toBe(lost);
    // a keyed row is safe to redo: a committed first attempt would answer from its key
    expect(second).toMatchObject({ statusCode: 201, replayed: false });
    const names = (await dataSource.query(`SELECT given_name FROM referral`)) as Array<{
      given_name: string;
    }>;
    expect(names.map((r) => r.given_name)).toEqual(['Keyed']);
  });

  it('refuses, unsaved, a live create that waited longer than its caller waits for an answer', async () => {
    await reset();
    const unkeyed = (name: string) => ({ ...command(name, person(name)), idempotencyKey: undefined });
    // another session holds the table: both groups in flight wait on it, the third create queues
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE referral IN SHARE ROW EXCLUSIVE MODE`);
    const answers: Array<Promise<ReferralCreatedV1>> = [];
    for (const name of ['Held', 'Also', 'Queued']) {
      answers.push(sut.createGrouped(unkeyed(name)));
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, WAIT_MS + 300));
    await blocker.commitTransaction();
    await blocker.release();

    const [held, also, queued] = await Promise.allSettled(answers);
    expect([held.status, also.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(queued).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'UNAVAILABLE',
        message: expect.stringMatching(
          /^Referral intake is busy and did not save this referral; try again shortly \(waited \d+ ms/,
        ),
      },
    });
    const names = (await dataSource.query(`SELECT given_name FROM referral ORDER BY given_name`)) as Array<{
      given_name: string;
    }>;
    expect(names.map((r) => r.given_name)).toEqual(['Also', 'Held']);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual([{ n: 2 }]);
  });
});
