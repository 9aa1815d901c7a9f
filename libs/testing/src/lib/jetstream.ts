import type { NatsConnection } from 'nats';

/**
 * Deletes every JetStream stream whose name contains the suite tag (its consumers go with
 * it). Streams of other suites and of the running hub are never touched.
 */
export async function deleteTaggedStreams(nc: NatsConnection, tag: string, domain = ''): Promise<string[]> {
  const jsm = await nc.jetstreamManager(domain ? { domain } : {});
  const needle = tag.toUpperCase();
  const deleted: string[] = [];
  for await (const info of jsm.streams.list()) {
    const name = info.config.name;
    if (name.toUpperCase().includes(needle)) {
      await jsm.streams.delete(name);
      deleted.push(name);
    }
  }
  return deleted;
}
