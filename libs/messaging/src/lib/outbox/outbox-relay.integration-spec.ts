import { Logger } from '@nestjs/common';
import { sleep } from '@linkway/util';
import { effectCounts, recordEffect, setUpSuite, type Suite, TEST_SCHEMA, waitUntil } from '../../test-fixtures/harness';
import { InboxConsumer } from '../inbox/inbox-consumer';
import { outboxCommitted } from './commit-wake';
import { enqueueUntypedEvent } from './enqueue-event';
import { OutboxRelay } from './outbox-relay';

const WRITERS = 20;
const EVENTS_PER_WRITER = 50;
const TOTAL = WRITERS * EVENTS_PER_WRITER;

describe(OutboxRelay.name, () => {
  let suite: Suite;
  const relays: OutboxRelay[] = [];
  let consumer: InboxConsumer;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    suite = await setUpSuite('relay');
  });

  afterAll(async () => {
    await consumer?.stop();
    for (const r of relays) await r.stop();
    await suite?.cleanup();
  });

  it('delivers 1,000 events from 20 concurrent writers exactly once in effect, whatever their commit order', async () => {
    // Two relays stand in for two replicas of the service; both are woken by every outbox commit.
    for (const name of ['relay-a', 'relay-b']) {
      const relay = new OutboxRelay({ dataSource: suite.ds, schema: TEST_SCHEMA, nats: suite.nc, batchSize: 50, pollIntervalMs: 1_000, name });
      relays.push(relay);
      await relay.start();
    }
    consumer = new InboxConsumer({
      name: suite.names.consumerName('effects'),
      stream: suite.streams.events.name,
      filterSubject: suite.subject('>'),
      nats: suite.nc,
      dataSource: suite.ds,
      // order does not matter to this handler, so it may apply several messages at once
      concurrency: 4,
      handler: (_payload, ctx) => recordEffect(ctx.manager, ctx.messageId, ctx.subject),
    });
    await consumer.start();

    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const started = Date.now();
    // Each transaction takes an id first, then sleeps a random while before committing, so
    // ids commit out of order: a relay reading "id > last seen" would skip the late ones.
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        let done = 0;
        while (done < EVENTS_PER_WRITER) {
          const abort = Math.random() < 0.05;
          let id = '';
          try {
            await suite.ds.transaction(async (manager) => {
              id = await enqueueUntypedEvent(manager, suite.subject(`writer.${writer}`), { writer, n: done });
              await sleep(Math.floor(Math.random() * 15));
              if (abort) throw new Error('business rule said no');
            });
            committed.add(id);
            done += 1;
          } catch {
            rolledBack.add(id);
          }
        }
      }),
    );
    const writtenMs = Date.now() - started;

    const counts = await waitUntil(
      async () => {
        const c = await effectCounts(suite.ds);
        return c.total >= TOTAL ? c : null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `${TOTAL} effects` },
    );
    const deliveredMs = Date.now() - started;
    // let any straggler duplicate show itself before counting for the last time
    await sleep(1_500);
    const final = await effectCounts(suite.ds);
    const applied: { message_id: string }[] = await suite.ds.query(`SELECT message_id FROM effects`);
    const [{ unpublished }] = await suite.ds.query(`SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`);
    const stream = await suite.jsm.streams.info(suite.streams.events.name);

    console.log('commit-order trap', {
      writers: WRITERS,
      committed: committed.size,
      rolledBack: rolledBack.size,
      effects: final.total,
      distinctEffects: final.distinct,
      streamMessages: stream.state.messages,
      relayA: relays[0].stats,
      relayB: relays[1].stats,
      consumer: consumer.stats,
      writtenMs,
      allAppliedMs: deliveredMs,
    });

    expect(counts.total).toBe(TOTAL);
    expect(final).toEqual({ total: TOTAL, distinct: TOTAL });
    expect(committed.size).toBe(TOTAL);
    expect(new Set(applied.map((r) => r.message_id))).toEqual(committed);
    expect(applied.some((r) => rolledBack.has(r.message_id))).toBe(false);
    expect(unpublished).toBe(0);
    expect(stream.state.messages).toBe(TOTAL);
  });

  it('picks up rows written by another process (no commit wake) by polling', async () => {
    const before = (await effectCounts(suite.ds)).total;
    const started = Date.now();
    // a plain INSERT, as another process or a replica without this relay would leave it
    const [{ id }] = await suite.ds.query(
      `INSERT INTO outbox (id, subject, payload) VALUES (gen_random_uuid(), $1, '{"polled":true}') RETURNING id`,
      [suite.subject('polled')],
    );
    await waitUntil(async () => (await effectCounts(suite.ds)).total === before + 1, { timeoutMs: 10_000, what: 'the polled event' });
    console.log('polling fallback', { messageId: id, pollIntervalMs: 1_000, appliedAfterMs: Date.now() - started });
  });

  it('backs off a row JetStream refuses without holding up the rows behind it', async () => {
    const before = (await effectCounts(suite.ds)).total;
    // a subject no stream captures: JetStream answers "no responders" for it
    const orphan = await suite.ds.transaction((m) => enqueueUntypedEvent(m, `${suite.names.subjectPrefix}.nostream.x`, { x: 1 }));
    const good = await suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject('after.orphan'), { y: 1 }));
    await waitUntil(async () => (await effectCounts(suite.ds)).total === before + 1, {
      timeoutMs: 20_000,
      what: 'the event behind the refused row',
    });
    const [row] = await suite.ds.query(`SELECT attempts, last_error, published_at, next_attempt_at > now() AS waiting FROM outbox WHERE id = $1`, [orphan]);
    console.log('refused row', { orphan, good, attempts: row.attempts, lastError: row.last_error, waiting: row.waiting });
    expect(row.published_at).toBeNull();
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).toContain('no stream');
  });

  it('refuses to enqueue outside a transaction, and a retried command with the same id cannot enqueue twice', async () => {
    await expect(enqueueUntypedEvent(suite.ds.manager, suite.subject('loose'), {})).rejects.toThrow(/inside the transaction/);
    const id = await suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject('once'), { n: 1 }));
    await expect(suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject('once'), { n: 1 }, { id }))).rejects.toThrow(/duplicate key/);
  });

  it('is woken by the commit of a transaction that enqueued, not by polling', async () => {
    for (const r of relays) await r.stop();
    // a poll so slow that only the commit wake can explain a quick delivery
    const relay = new OutboxRelay({ dataSource: suite.ds, schema: TEST_SCHEMA, nats: suite.nc, pollIntervalMs: 120_000, name: 'relay-c' });
    relays.push(relay);
    await relay.start();
    const deliver = async (label: string, write: (label: string) => Promise<unknown>) => {
      const before = (await effectCounts(suite.ds)).total;
      const started = Date.now();
      await write(label);
      await waitUntil(async () => (await effectCounts(suite.ds)).total === before + 1, { timeoutMs: 10_000, what: `${label} applied` });
      return Date.now() - started;
    };
    // relay-c's first round ran at start; let it settle into its 120 s wait
    await sleep(300);
    const plainMs = await deliver('wake.plain', (label) => suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject(label), {})));
    // enqueued inside a savepoint: the wake waits for the outer COMMIT, and still comes
    const nestedMs = await deliver('wake.nested', (label) =>
      suite.ds.transaction((outer) => outer.transaction((inner) => enqueueUntypedEvent(inner, suite.subject(label), {}))),
    );
    // outbox rows written by the service's own SQL in one autocommitted statement
    const autocommitMs = await deliver('wake.autocommit', async (label) => {
      await suite.ds.query(`INSERT INTO outbox (id, subject, payload) VALUES (gen_random_uuid(), $1, '{}')`, [suite.subject(label)]);
      outboxCommitted(suite.ds);
    });
    console.log('commit wake-up', { pollIntervalMs: 120_000, plainMs, nestedMs, autocommitMs });
    // each was delivered before the relay's next poll could have found it: the commit woke it
    for (const ms of [plainMs, nestedMs, autocommitMs]) expect(ms).toBeLessThan(120_000 - 300);
  });
});
