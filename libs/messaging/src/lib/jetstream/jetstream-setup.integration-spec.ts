import { Logger } from '@nestjs/common';
import { nanos, type JetStreamManager, type NatsConnection } from 'nats';
import { deleteTaggedStreams, messagingNames, testUrls } from '@linkway/testing';
import { connectNats } from '../nats-connection';
import { ensureDurableConsumer, ensureStream, jetStreamManager } from './jetstream-setup';

describe(ensureStream.name, () => {
  const names = messagingNames('jssetup');
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    nc = await connectNats({ NATS_URL: testUrls().nats }, `test-${names.tag}`);
    jsm = await jetStreamManager(nc);
  });

  afterAll(async () => {
    await deleteTaggedStreams(nc, names.tag);
    await nc.drain();
  });

  it('creates once when replicas race, then updates in place', async () => {
    const spec = { name: names.streamName('EVENTS'), subjects: [`${names.subjectPrefix}.evt.>`] };
    // JetStream accepts an identical add as a no-op, so racing replicas may all report "created"
    const outcomes = await Promise.all([ensureStream(jsm, spec), ensureStream(jsm, spec), ensureStream(jsm, spec)]);
    expect(outcomes).toHaveLength(3);
    await expect(ensureStream(jsm, spec)).resolves.toBe('updated');

    const info = await jsm.streams.info(spec.name);
    expect(info.config).toMatchObject({ storage: 'file', duplicate_window: nanos(120_000), subjects: spec.subjects });

    await expect(ensureStream(jsm, { ...spec, duplicateWindowMs: 60_000 })).resolves.toBe('updated');
    expect((await jsm.streams.info(spec.name)).config.duplicate_window).toBe(nanos(60_000));
  });

  it('keeps a durable consumer and refuses to silently change what it filters', async () => {
    const stream = names.streamName('EVENTS');
    const spec = { stream, name: names.consumerName('c'), filterSubject: `${names.subjectPrefix}.evt.a.>`, ackWaitMs: 30_000, maxDeliver: 8 };
    await ensureDurableConsumer(jsm, spec);
    await ensureDurableConsumer(jsm, { ...spec, ackWaitMs: 10_000 });
    const info = await jsm.consumers.info(stream, spec.name);
    expect(info.config).toMatchObject({ ack_policy: 'explicit', ack_wait: nanos(10_000), max_deliver: 8, durable_name: spec.name });
    await expect(ensureDurableConsumer(jsm, { ...spec, filterSubject: `${names.subjectPrefix}.evt.b.>` })).rejects.toThrow(/cannot change its subject/);
  });
});
