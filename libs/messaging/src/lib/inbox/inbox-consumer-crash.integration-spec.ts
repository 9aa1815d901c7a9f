import { Logger } from '@nestjs/common';
import { uuidv7 } from '@linkway/util';
import { childEnv, effectCounts, recordEffect, setUpSuite, spawnTs, type Suite, type TsChild, waitUntil } from '../../test-fixtures/harness';
import { InboxConsumer, type InboxOutcome } from './inbox-consumer';

const CONSUMER_FIXTURE = 'libs/messaging/src/test-fixtures/consumer.process.ts';
const EVENTS = 10;
const CRASH_AFTER = 4;
const ACK_WAIT_MS = 2_000;

describe(`${InboxConsumer.name} killed before its ack`, () => {
  let suite: Suite;
  let child: TsChild | undefined;
  let consumer: InboxConsumer | undefined;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    suite = await setUpSuite('inboxkill');
  });

  afterAll(async () => {
    await child?.killHard();
    await consumer?.stop();
    await suite?.cleanup();
  });

  it('gets the message again and the inbox keeps it from applying twice', async () => {
    const name = suite.names.consumerName('effects');
    const js = suite.nc.jetstream();
    const ids = Array.from({ length: EVENTS }, () => uuidv7());
    for (const [i, id] of ids.entries()) {
      await js.publish(suite.subject('kill.consumer'), Buffer.from(JSON.stringify({ i })), { msgID: id });
    }

    // The child commits the effect of its 4th message, then hangs before the ack; we kill it there.
    child = await spawnTs(CONSUMER_FIXTURE, {
      env: childEnv(suite, { CONSUMER: name, CRASH_AFTER, ACK_WAIT_MS, FILTER: suite.subject('kill.consumer') }),
      readyLine: /^ready$/,
    });
    const committedLine = await child.waitForLine(/^committed /, 30_000);
    const crashedId = committedLine.split(' ')[1];
    await child.killHard();
    const afterKill = await effectCounts(suite.ds);
    const killedAt = Date.now();

    const handled: string[] = [];
    const outcomes = new Map<string, { outcome: InboxOutcome; deliveryCount: number }>();
    consumer = new InboxConsumer({
      name,
      stream: suite.streams.events.name,
      filterSubject: suite.subject('kill.consumer'),
      nats: suite.nc,
      dataSource: suite.ds,
      ackWaitMs: ACK_WAIT_MS,
      handler: async (_p, ctx) => {
        handled.push(ctx.messageId);
        await recordEffect(ctx.manager, ctx.messageId, ctx.subject);
      },
      afterCommit: ({ messageId, outcome, deliveryCount }) => void outcomes.set(messageId, { outcome, deliveryCount }),
    });
    await consumer.start();
    await waitUntil(() => outcomes.size === EVENTS - (CRASH_AFTER - 1), {
      timeoutMs: 30_000,
      what: 'the unacked messages redelivered',
    });
    const counts = await effectCounts(suite.ds);

    console.log('consumer kill -9 before ack', {
      events: EVENTS,
      crashedMessage: crashedId,
      effectsAtKill: afterKill.total,
      redelivery: outcomes.get(crashedId),
      redeliveredAfterMs: Date.now() - killedAt,
      handlerRunsAfterRestart: handled.length,
      effects: counts.total,
      distinctEffects: counts.distinct,
      consumer: consumer.stats,
    });
    expect(ids).toContain(crashedId);
    expect(afterKill.total).toBe(CRASH_AFTER);
    expect(outcomes.get(crashedId)).toEqual({ outcome: 'duplicate', deliveryCount: 2 });
    expect(handled).not.toContain(crashedId);
    expect(counts).toEqual({ total: EVENTS, distinct: EVENTS });
    expect(consumer.stats).toMatchObject({ applied: EVENTS - CRASH_AFTER, duplicates: 1 });
    await consumer.stop();
  });

  it('acks, not dead-letters, a message whose last allowed attempt committed before the crash', async () => {
    const name = suite.names.consumerName('last');
    const filter = suite.subject('kill.last');
    const id = uuidv7();
    await suite.nc.jetstream().publish(filter, Buffer.from('{}'), { msgID: id });

    const lastChild = await spawnTs(CONSUMER_FIXTURE, {
      env: childEnv(suite, { CONSUMER: name, CRASH_AFTER: 1, ACK_WAIT_MS, FILTER: filter }),
      readyLine: /^ready$/,
    });
    child = lastChild;
    await lastChild.waitForLine(new RegExp(`^committed ${id}$`), 30_000);
    await lastChild.killHard();

    // one attempt allowed: the redelivery is beyond it, but the inbox shows the work was done
    const last = new InboxConsumer({
      name,
      stream: suite.streams.events.name,
      filterSubject: filter,
      nats: suite.nc,
      dataSource: suite.ds,
      ackWaitMs: ACK_WAIT_MS,
      maxAttempts: 1,
      deadLetterPrefix: suite.names.subjectPrefix,
      handler: (_p, ctx) => recordEffect(ctx.manager, ctx.messageId, ctx.subject),
    });
    consumer = last;
    await last.start();
    await waitUntil(() => last.stats.duplicates + last.stats.deadLettered > 0, { timeoutMs: 30_000, what: 'the redelivery handled' });
    const [{ effects }] = await suite.ds.query(`SELECT count(*)::int AS effects FROM effects WHERE message_id = $1`, [id]);
    const dlq = await suite.jsm.streams.info(suite.streams.deadLetters.name);
    console.log('crash after the last attempt committed', { messageId: id, effects, consumer: last.stats, deadLetters: dlq.state.messages });
    expect(last.stats).toMatchObject({ duplicates: 1, deadLettered: 0, applied: 0 });
    expect(effects).toBe(1);
    expect(dlq.state.messages).toBe(0);
  });
});
