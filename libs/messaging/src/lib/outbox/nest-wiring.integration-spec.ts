import { Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { effectCounts, recordEffect, setUpSuite, type Suite, TEST_SCHEMA, waitUntil } from '../../test-fixtures/harness';
import { InboxConsumer } from '../inbox/inbox-consumer';
import { enqueueUntypedEvent } from './enqueue-event';
import { OutboxRelay } from './outbox-relay';

const DATA_SOURCE = Symbol('DATA_SOURCE');
const NATS = Symbol('NATS');

describe('Nest wiring of the relay and the consumer', () => {
  let suite: Suite;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    suite = await setUpSuite('nestwiring');
  });

  afterAll(async () => {
    await suite?.cleanup();
  });

  it('starts both on application bootstrap and stops them on shutdown', async () => {
    // Factory providers, as a service module declares them (see README).
    @Module({
      providers: [
        { provide: DATA_SOURCE, useValue: suite.ds },
        { provide: NATS, useValue: suite.nc },
        {
          provide: OutboxRelay,
          inject: [DATA_SOURCE, NATS],
          useFactory: (ds: DataSource, nc: Suite['nc']) => new OutboxRelay({ dataSource: ds, schema: TEST_SCHEMA, nats: nc }),
        },
        {
          provide: InboxConsumer,
          inject: [DATA_SOURCE, NATS],
          useFactory: (ds: DataSource, nc: Suite['nc']) =>
            new InboxConsumer({
              name: suite.names.consumerName('nest'),
              stream: suite.streams.events.name,
              filterSubject: suite.subject('>'),
              nats: nc,
              dataSource: ds,
              handler: (_p, ctx) => recordEffect(ctx.manager, ctx.messageId, ctx.subject),
            }),
        },
      ],
    })
    class ServiceModule {}

    // an application context runs the same lifecycle hooks as a Nest microservice
    const app = await Test.createTestingModule({ imports: [ServiceModule] }).compile();
    await app.init();
    const relay = app.get(OutboxRelay);
    const consumer = app.get(InboxConsumer);

    await suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject('nest.v1'), { via: 'nest' }));
    await waitUntil(async () => (await effectCounts(suite.ds)).total === 1, { timeoutMs: 15_000, what: 'the event applied' });
    await app.close();

    // stopped: a new event stays in the outbox
    await suite.ds.transaction((m) => enqueueUntypedEvent(m, suite.subject('nest.v1'), { via: 'after close' }));
    await new Promise((r) => setTimeout(r, 1_500));
    const [{ unpublished }] = await suite.ds.query(`SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`);
    expect(relay.stats.published).toBe(1);
    expect(consumer.stats.applied).toBe(1);
    expect(unpublished).toBe(1);
  });
});
