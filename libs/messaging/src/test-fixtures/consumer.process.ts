/**
 * An inbox consumer in its own process. With CRASH_AFTER=n it prints `committed <id>` after
 * the n-th effect committed and then hangs before acking, so the test can kill -9 it in
 * exactly the gap between commit and ack.
 */
import { Logger } from '@nestjs/common';
import { connectNats } from '../lib/nats-connection';
import { InboxConsumer } from '../lib/inbox/inbox-consumer';
import { openServiceDataSource, recordEffect } from './harness';

async function main() {
  Logger.overrideLogger(['error', 'warn']);
  const env = process.env as Record<string, string>;
  const crashAfter = Number(env['CRASH_AFTER'] ?? 0);
  const ds = await openServiceDataSource(env['DATABASE_URL'], 'consumer-child');
  const nc = await connectNats({ NATS_URL: env['NATS_URL'] }, 'consumer-child');
  let applied = 0;
  const consumer = new InboxConsumer({
    name: env['CONSUMER'],
    stream: env['EVENTS_STREAM'],
    filterSubject: env['FILTER'] ?? `${env['SUBJECT_PREFIX']}.evt.>`,
    nats: nc,
    dataSource: ds,
    ackWaitMs: Number(env['ACK_WAIT_MS'] ?? 30_000),
    handler: (_payload, ctx) => recordEffect(ctx.manager, ctx.messageId, ctx.subject),
    afterCommit: async ({ messageId, outcome }) => {
      if (outcome !== 'applied') return;
      applied += 1;
      if (applied === crashAfter) {
        process.stdout.write(`committed ${messageId}\n`);
        await new Promise<never>(() => undefined); // never ack: the test kills us here
      }
    },
  });
  await consumer.start();
  process.stdout.write('ready\n');
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
