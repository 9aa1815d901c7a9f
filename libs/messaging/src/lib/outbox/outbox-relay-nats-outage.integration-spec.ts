import { Logger } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { createTestDatabase, startNatsServer, type NatsServerProcess, type TestDatabase, waitUntil } from '@linkway/testing';
import { sleep } from '@linkway/util';
import { effectCounts, openServiceDataSource, recordEffect, TEST_SCHEMA } from '../../test-fixtures/harness';
import { InboxConsumer } from '../inbox/inbox-consumer';
import { ensureHubStreams, hubStreamSpecs, jetStreamManager } from '../jetstream/jetstream-setup';
import { connectNats } from '../nats-connection';
import { enqueueUntypedEvent } from './enqueue-event';
import { OutboxRelay } from './outbox-relay';

const BEFORE = 100;
const DURING = 200;

/**
 * A private nats-server, so the test can freeze it (SIGSTOP) without touching the shared one:
 * a frozen server is the nastiest outage, since the connection stays up and only acks stop.
 */
describe(`${OutboxRelay.name} through a NATS outage`, () => {
  let server: NatsServerProcess;
  let db: TestDatabase;
  let ds: DataSource;
  let relayNc: NatsConnection;
  let consumerNc: NatsConnection;
  let relay: OutboxRelay;
  let consumer: InboxConsumer;
  const streams = hubStreamSpecs();

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    server = await startNatsServer();
    db = await createTestDatabase('natsoutage');
    ds = await openServiceDataSource(db.url);
    relayNc = await connectNats({ NATS_URL: server.url }, 'outage-relay');
    consumerNc = await connectNats({ NATS_URL: server.url }, 'outage-consumer');
    await ensureHubStreams(await jetStreamManager(relayNc), streams);
  });

  afterAll(async () => {
    server?.process.kill('SIGCONT');
    await consumer?.stop();
    await relay?.stop();
    await relayNc?.close();
    await consumerNc?.close();
    await ds?.destroy();
    await db?.drop();
    await server?.stop();
  });

  const write = async (count: number, label: string) => {
    for (let i = 0; i < count; i++) {
      await ds.transaction((m) => enqueueUntypedEvent(m, `evt.outage.${label}.v1`, { i }));
    }
  };

  it('records failed publishes, backs off, and delivers everything exactly once when NATS answers again', async () => {
    relay = new OutboxRelay({
      dataSource: ds,
      schema: TEST_SCHEMA,
      nats: relayNc,
      batchSize: 50,
      publishTimeoutMs: 300,
      rowRetry: { initialMs: 200, maxMs: 1_000, jitter: 0 },
      relayRetry: { initialMs: 100, maxMs: 500, jitter: 0 },
    });
    consumer = new InboxConsumer({
      name: 'outage-effects',
      stream: streams.events.name,
      filterSubject: 'evt.>',
      nats: consumerNc,
      dataSource: ds,
      handler: (_p, ctx) => recordEffect(ctx.manager, ctx.messageId, ctx.subject),
    });
    await relay.start();
    await consumer.start();
    await write(BEFORE, 'before');
    await waitUntil(async () => (await effectCounts(ds)).total === BEFORE, { timeoutMs: 20_000, what: 'the events before the outage' });

    server.process.kill('SIGSTOP');
    const frozenAt = Date.now();
    let failedRows = 0;
    try {
      await write(DURING, 'during');
      const failed = await waitUntil(
        async () => {
          const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND attempts > 0`);
          return row.n > 0 ? row.n : null;
        },
        { timeoutMs: 10_000, what: 'failed publishes recorded' },
      );
      failedRows = failed;
      await sleep(500);
    } finally {
      server.process.kill('SIGCONT');
    }
    const [sample] = await ds.query(`SELECT last_error FROM outbox WHERE last_error IS NOT NULL LIMIT 1`);
    const resumedAt = Date.now();

    await waitUntil(async () => (await effectCounts(ds)).total >= BEFORE + DURING, { timeoutMs: 60_000, what: 'every event after the outage' });
    const recoveredMs = Date.now() - resumedAt;
    await sleep(1_000);
    const counts = await effectCounts(ds);
    const [{ unpublished }] = await ds.query(`SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`);
    const stream = await (await jetStreamManager(relayNc)).streams.info(streams.events.name);

    console.log('NATS frozen with SIGSTOP', {
      frozenMs: resumedAt - frozenAt,
      rowsWithFailedPublish: failedRows,
      lastError: sample?.last_error,
      relay: relay.stats,
      recoveredMs,
      streamMessages: stream.state.messages,
      effects: counts.total,
      distinctEffects: counts.distinct,
    });
    expect(relay.stats.failures).toBeGreaterThan(0);
    expect(sample.last_error).toContain('no JetStream ack in time');
    expect(unpublished).toBe(0);
    expect(counts).toEqual({ total: BEFORE + DURING, distinct: BEFORE + DURING });
    // publishes that timed out on our side but reached the stream were deduplicated on retry
    expect(stream.state.messages).toBe(BEFORE + DURING);
  });

  it('makes rows that failed while NATS was down due at once when the connection comes back', async () => {
    await consumer.stop();
    await relay.stop();
    // a row back-off far longer than the outage: only the reconnect can explain a quick delivery
    relay = new OutboxRelay({
      dataSource: ds,
      schema: TEST_SCHEMA,
      nats: relayNc,
      batchSize: 50,
      publishTimeoutMs: 300,
      rowRetry: { initialMs: 120_000, maxMs: 120_000, jitter: 0 },
      relayRetry: { initialMs: 100, maxMs: 500, jitter: 0 },
    });
    await relay.start();
    const jsm = await jetStreamManager(relayNc);
    const before = (await jsm.streams.info(streams.events.name)).state.messages;
    const back = server.restart(3_000);
    await sleep(300);
    await write(20, 'restart');
    await waitUntil(
      async () => {
        const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND attempts > 0`);
        return row.n === 20;
      },
      { timeoutMs: 10_000, what: 'every row written during the outage backed off' },
    );
    const backedOff: { id: string; next_attempt_at: Date }[] = await ds.query(
      `SELECT id, next_attempt_at FROM outbox WHERE published_at IS NULL`,
    );
    await back;
    await waitUntil(
      async () => {
        const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
        return row.n === 0;
      },
      { timeoutMs: 30_000, what: 'the backed-off rows published after the reconnect' },
    );
    const published: { id: string; published_at: Date }[] = await ds.query(
      `SELECT id, published_at FROM outbox WHERE id = ANY($1::uuid[])`,
      [backedOff.map((r) => r.id)],
    );
    const dueAt = new Map(backedOff.map((r) => [r.id, new Date(r.next_attempt_at).getTime()]));
    console.log('NATS killed and restarted', { rows: backedOff.length, relay: relay.stats });
    // every row went out before its own back-off ended: the reconnect made it due
    expect(published.filter((r) => new Date(r.published_at).getTime() >= (dueAt.get(r.id) ?? 0))).toEqual([]);
    expect(published).toHaveLength(20);
    expect((await jsm.streams.info(streams.events.name)).state.messages).toBe(before + 20);
  });
});
