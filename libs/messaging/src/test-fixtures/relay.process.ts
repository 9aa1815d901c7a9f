/**
 * A relay in its own process, so a test can kill -9 it mid-stream.
 * Prints `ready` once relaying and `stats {...}` when stopped with SIGTERM.
 */
import { Logger } from '@nestjs/common';
import { connectNats } from '../lib/nats-connection';
import { OutboxRelay } from '../lib/outbox/outbox-relay';
import { openServiceDataSource, TEST_SCHEMA } from './harness';

async function main() {
  Logger.overrideLogger(['error', 'warn']);
  const env = process.env as Record<string, string>;
  const ds = await openServiceDataSource(env['DATABASE_URL'], 'relay-child');
  const nc = await connectNats({ NATS_URL: env['NATS_URL'] }, 'relay-child');
  const relay = new OutboxRelay({
    dataSource: ds,
    schema: TEST_SCHEMA,
    nats: nc,
    batchSize: Number(env['BATCH_SIZE'] ?? 25),
    pollIntervalMs: 500,
    name: 'relay-child',
  });
  await relay.start();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await relay.stop();
      process.stdout.write(`stats ${JSON.stringify(relay.stats)}\n`);
      await nc.drain();
      await ds.destroy();
      process.exit(0);
    })();
  });
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
