import { Logger } from '@nestjs/common';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import type { StoredMsg } from 'nats';
import { deadLetterSubject } from '@linkway/contracts';
import { uuidv7 } from '@linkway/util';
import { effectCounts, recordEffect, setUpSuite, type Suite, waitUntil } from '../../test-fixtures/harness';
import { LINKWAY_HEADERS } from '../outbox/publish-headers';
import { InboxConsumer } from './inbox-consumer';

class TestEvent {
  @IsInt()
  n!: number;

  @IsOptional()
  @IsBoolean()
  poison?: boolean;

  /** Stall in the database on the first run, so the test can cut the connection under it. */
  @IsOptional()
  @IsBoolean()
  stall?: boolean;
}

const MAX_ATTEMPTS = 3;
const GOOD = 20;

describe(InboxConsumer.name, () => {
  let suite: Suite;
  let sut: InboxConsumer<TestEvent>;
  const attemptsById = new Map<string, number>();
  const runsById = new Map<string, number[]>();
  let goodDoneAt = 0;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    suite = await setUpSuite('inbox');
    sut = new InboxConsumer({
      name: suite.names.consumerName('effects'),
      stream: suite.streams.events.name,
      filterSubject: suite.subject('>'),
      nats: suite.nc,
      dataSource: suite.ds,
      payloadClass: TestEvent,
      maxAttempts: MAX_ATTEMPTS,
      retry: { initialMs: 250, maxMs: 1_000, jitter: 0 },
      deadLetterPrefix: suite.names.subjectPrefix,
      handler: async (payload, ctx) => {
        attemptsById.set(ctx.messageId, ctx.deliveryCount);
        const runs = [...(runsById.get(ctx.messageId) ?? []), ctx.deliveryCount];
        runsById.set(ctx.messageId, runs);
        if (payload.stall && runs.length === 1) await ctx.manager.query(`SELECT pg_sleep(30) /* stall-me */`);
        // the effect is written before the failure: the rollback must take it away again
        await recordEffect(ctx.manager, ctx.messageId, ctx.subject);
        if (payload.poison) throw new Error(`poison pill ${payload.n} cannot be applied`);
      },
      afterCommit: async () => {
        if ((await effectCounts(suite.ds)).total === GOOD) goodDoneAt = Date.now();
      },
    });
    await sut.start();
  });

  afterAll(async () => {
    await sut?.stop();
    await suite?.cleanup();
  });

  const publish = (subject: string, body: unknown, id = uuidv7()) =>
    suite.nc.jetstream().publish(suite.subject(subject), Buffer.from(JSON.stringify(body)), { msgID: id }).then(() => id);

  const deadLetters = async (): Promise<StoredMsg[]> => {
    const info = await suite.jsm.streams.info(suite.streams.deadLetters.name);
    const out: StoredMsg[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      out.push(await suite.jsm.streams.getMessage(suite.streams.deadLetters.name, { seq }));
    }
    return out;
  };

  it('dead-letters a poison message after its last attempt, with the reason, without holding up the rest', async () => {
    const started = Date.now();
    const poisonId = await publish('poison', { n: 0, poison: true });
    const goodIds: string[] = [];
    for (let n = 1; n <= GOOD; n++) goodIds.push(await publish('good', { n }));

    const [letter] = await waitUntil(async () => {
      const all = await deadLetters();
      return all.length ? all : null;
    }, { timeoutMs: 30_000, what: 'the dead letter' });
    const deadLetteredAt = Date.now();
    const counts = await effectCounts(suite.ds);
    const h = letter.header;

    console.log('poison message', {
      good: GOOD,
      effects: counts.total,
      attemptsSeen: attemptsById.get(poisonId),
      goodAllAppliedMs: goodDoneAt - started,
      deadLetteredMs: deadLetteredAt - started,
      deadLetterSubject: letter.subject,
      reason: h.get(LINKWAY_HEADERS.deadLetterReason),
      deliveryCount: h.get(LINKWAY_HEADERS.deadLetterDeliveries),
      stats: sut.stats,
    });
    expect(letter.subject).toBe(deadLetterSubject(suite.names.consumerName('effects'), suite.subject('poison'), suite.names.subjectPrefix));
    expect(h.get(LINKWAY_HEADERS.deadLetterReason)).toContain(`handler failed on attempt ${MAX_ATTEMPTS}: poison pill 0`);
    expect(h.get(LINKWAY_HEADERS.deadLetterSubject)).toBe(suite.subject('poison'));
    expect(h.get(LINKWAY_HEADERS.deadLetterDeliveries)).toBe(String(MAX_ATTEMPTS));
    expect(h.get(LINKWAY_HEADERS.deadLetterMessageId)).toBe(poisonId);
    expect(letter.json<TestEvent>()).toEqual({ n: 0, poison: true });
    expect(attemptsById.get(poisonId)).toBe(MAX_ATTEMPTS);
    // every good message behind it was applied, and before the poison gave up
    expect(counts).toEqual({ total: GOOD, distinct: GOOD });
    expect(goodDoneAt).toBeGreaterThan(0);
    expect(goodDoneAt).toBeLessThanOrEqual(deadLetteredAt);
    const [{ inInbox }] = await suite.ds.query(`SELECT count(*)::int AS "inInbox" FROM inbox WHERE message_id = $1`, [poisonId]);
    expect(inInbox).toBe(0);
  });

  it('dead-letters an invalid payload at once with the validation reason', async () => {
    const before = (await deadLetters()).length;
    const id = await publish('invalid', { n: 'seven', extra: 1 });
    const letters = await waitUntil(async () => {
      const all = await deadLetters();
      return all.length > before ? all : null;
    }, { timeoutMs: 15_000, what: 'the invalid payload dead-lettered' });
    const letter = letters[letters.length - 1];
    const reason = letter.header.get(LINKWAY_HEADERS.deadLetterReason);
    console.log('invalid payload', { messageId: id, reason, deliveryCount: letter.header.get(LINKWAY_HEADERS.deadLetterDeliveries) });
    expect(letter.header.get(LINKWAY_HEADERS.deadLetterMessageId)).toBe(id);
    expect(letter.header.get(LINKWAY_HEADERS.deadLetterDeliveries)).toBe('1');
    expect(reason).toContain('failed TestEvent validation');
    expect(reason).toContain('n: n must be an integer number');
    expect(reason).toContain('property extra should not exist');
    expect(attemptsById.has(id)).toBe(false);
  });

  it('holds a message through a dropped database connection instead of spending its attempts', async () => {
    const before = await effectCounts(suite.ds);
    const retriesBefore = sut.stats.retried;
    const id = await publish('stall', { n: 99, stall: true });
    // the handler is now inside pg_sleep; cut its connection as a failover or restart would
    const [{ terminated }] = await waitUntil(async () => {
      const rows: { terminated: boolean }[] = await suite.ds.query(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE query LIKE '%stall-me%' AND query NOT LIKE '%pg_stat_activity%'`,
      );
      return rows.length ? rows : null;
    }, { timeoutMs: 10_000, what: 'the stalled handler' });
    await waitUntil(async () => (await effectCounts(suite.ds)).total === before.total + 1, { timeoutMs: 15_000, what: 'the effect after the outage' });
    console.log('dropped connection', { messageId: id, terminated, handlerRuns: runsById.get(id), databaseRetries: sut.stats.databaseRetries, naks: sut.stats.retried - retriesBefore });
    expect(terminated).toBe(true);
    // run twice on the same delivery: the outage did not count as an attempt
    expect(runsById.get(id)).toEqual([1, 1]);
    expect(sut.stats.databaseRetries).toBeGreaterThanOrEqual(1);
    expect(sut.stats.retried).toBe(retriesBefore);
    expect(await effectCounts(suite.ds)).toEqual({ total: before.total + 1, distinct: before.distinct + 1 });
  });
});
