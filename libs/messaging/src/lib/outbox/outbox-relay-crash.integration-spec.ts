import { Logger } from '@nestjs/common';
import { sleep } from '@linkway/util';
import { childEnv, effectCounts, recordEffect, setUpSuite, spawnTs, type Suite, type TsChild, waitUntil } from '../../test-fixtures/harness';
import { InboxConsumer } from '../inbox/inbox-consumer';
import { enqueueUntypedEvent } from './enqueue-event';
import { OutboxRelay } from './outbox-relay';

const RELAY_FIXTURE = 'libs/messaging/src/test-fixtures/relay.process.ts';
const BEFORE_KILL = 600;
const AFTER_KILL = 400;
const TOTAL = BEFORE_KILL + AFTER_KILL;

const published = async (suite: Suite): Promise<number> =>
  (await suite.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL`))[0].n;

/** Writes `count` events from 5 writers, one per transaction. */
async function writeEvents(suite: Suite, count: number, label: string): Promise<void> {
  await Promise.all(
    Array.from({ length: 5 }, async (_, w) => {
      for (let i = w; i < count; i += 5) {
        await suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject(`crash.${label}`), { i }));
      }
    }),
  );
}

describe(`${OutboxRelay.name} killed with SIGKILL`, () => {
  let suite: Suite;
  let consumer: InboxConsumer;
  const children: TsChild[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    suite = await setUpSuite('relaykill');
  });

  afterAll(async () => {
    for (const c of children) await c.killHard();
    await consumer?.stop();
    await suite?.cleanup();
  });

  it('loses nothing and applies nothing twice when restarted', async () => {
    consumer = new InboxConsumer({
      name: suite.names.consumerName('effects'),
      stream: suite.streams.events.name,
      filterSubject: suite.subject('>'),
      nats: suite.nc,
      dataSource: suite.ds,
      handler: (_p, ctx) => recordEffect(ctx.manager, ctx.messageId, ctx.subject),
    });
    await consumer.start();

    const first = await spawnTs(RELAY_FIXTURE, { env: childEnv(suite, { BATCH_SIZE: 20 }), readyLine: /^ready$/ });
    children.push(first);
    const writing = writeEvents(suite, BEFORE_KILL, 'before');
    // kill while the relay is busy: some rows acked by JetStream but not yet marked published
    await waitUntil(async () => (await published(suite)) >= 150, { timeoutMs: 30_000, what: '150 rows published' });
    await first.killHard();
    const atKill = await published(suite);
    await writing;
    await writeEvents(suite, AFTER_KILL, 'after');
    const waiting = TOTAL - (await published(suite));
    // nothing relays now: the rows wait in the outbox
    await sleep(300);
    expect(await published(suite)).toBe(atKill);

    const restartedAt = Date.now();
    const second = await spawnTs(RELAY_FIXTURE, { env: childEnv(suite, { BATCH_SIZE: 20 }), readyLine: /^ready$/ });
    children.push(second);
    await waitUntil(async () => (await published(suite)) === TOTAL, { timeoutMs: 60_000, what: 'every row published' });
    await waitUntil(async () => (await effectCounts(suite.ds)).total >= TOTAL, { timeoutMs: 60_000, what: `${TOTAL} effects` });
    const recoveredMs = Date.now() - restartedAt;
    await second.stop();
    const statsLine = await second.waitForLine(/^stats /, 5_000);
    await sleep(1_000); // a late duplicate would land now
    const counts = await effectCounts(suite.ds);
    const stream = await suite.jsm.streams.info(suite.streams.events.name);

    console.log('relay kill -9', {
      total: TOTAL,
      publishedAtKill: atKill,
      waitingForRestart: waiting,
      restartedRelay: JSON.parse(statsLine.slice('stats '.length)),
      streamMessages: stream.state.messages,
      effects: counts.total,
      distinctEffects: counts.distinct,
      consumer: consumer.stats,
      recoveredMs,
    });
    expect(waiting).toBeGreaterThan(0);
    expect(counts).toEqual({ total: TOTAL, distinct: TOTAL });
    // rows republished after the kill were dropped by JetStream's Nats-Msg-Id dedupe
    expect(stream.state.messages).toBe(TOTAL);
  });

  it('republishes rows acked by JetStream but not yet marked, and JetStream drops the copies', async () => {
    const ACKED = 200;
    const streamBefore = (await suite.jsm.streams.info(suite.streams.events.name)).state.messages;
    const effectsBefore = await effectCounts(suite.ds);
    await writeEvents(suite, ACKED, 'acked');

    // SHARE mode lets the relay claim rows (FOR UPDATE) and publish them, but blocks its
    // UPDATE that marks them published: the relay is stuck exactly between ack and commit.
    const blocker = suite.ds.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE outbox IN SHARE MODE`);
    let stuck: TsChild | undefined;
    try {
      stuck = await spawnTs(RELAY_FIXTURE, { env: childEnv(suite, { BATCH_SIZE: 20 }), readyLine: /^ready$/ });
      children.push(stuck);
      await waitUntil(async () => (await suite.jsm.streams.info(suite.streams.events.name)).state.messages >= streamBefore + 20, {
        timeoutMs: 15_000,
        what: 'a batch acked by JetStream',
      });
      await stuck.killHard();
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    const ackedNotMarked = (await suite.jsm.streams.info(suite.streams.events.name)).state.messages - streamBefore;
    const [{ unmarked }] = await suite.ds.query(`SELECT count(*)::int AS unmarked FROM outbox WHERE published_at IS NULL`);

    const restarted = await spawnTs(RELAY_FIXTURE, { env: childEnv(suite, { BATCH_SIZE: 20 }), readyLine: /^ready$/ });
    children.push(restarted);
    await waitUntil(async () => (await published(suite)) === TOTAL + ACKED, { timeoutMs: 30_000, what: 'every row published' });
    await waitUntil(async () => (await effectCounts(suite.ds)).total >= effectsBefore.total + ACKED, { timeoutMs: 30_000, what: 'the new effects' });
    await restarted.stop();
    const stats = JSON.parse((await restarted.waitForLine(/^stats /, 5_000)).slice('stats '.length));
    await sleep(1_000);
    const counts = await effectCounts(suite.ds);
    const stream = await suite.jsm.streams.info(suite.streams.events.name);

    console.log('relay kill -9 between ack and commit', {
      events: ACKED,
      ackedNotMarkedAtKill: ackedNotMarked,
      unmarkedAtKill: unmarked,
      restartedRelay: stats,
      streamMessagesAdded: stream.state.messages - streamBefore,
      effectsAdded: counts.total - effectsBefore.total,
      distinctEffects: counts.distinct,
    });
    expect(ackedNotMarked).toBeGreaterThanOrEqual(20);
    expect(unmarked).toBe(ACKED);
    expect(stats.duplicates).toBe(ackedNotMarked);
    expect(stream.state.messages - streamBefore).toBe(ACKED);
    expect(counts).toEqual({ total: effectsBefore.total + ACKED, distinct: effectsBefore.distinct + ACKED });
  });
});
