import { connect, type NatsConnection } from 'nats';
import { messagingNames, testUrls } from './isolation';
import { deleteTaggedStreams } from './jetstream';

describe(deleteTaggedStreams.name, () => {
  let nc: NatsConnection;
  const mine = messagingNames('cleanup');
  const theirs = messagingNames('cleanupother');

  beforeAll(async () => {
    nc = await connect({ servers: testUrls().nats });
  });

  afterAll(async () => {
    await deleteTaggedStreams(nc, theirs.tag);
    await nc.drain();
  });

  it("deletes the suite's streams and leaves everyone else's", async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: mine.streamName('A'), subjects: [`${mine.subjectPrefix}.a.>`] });
    await jsm.streams.add({ name: mine.streamName('B'), subjects: [`${mine.subjectPrefix}.b.>`] });
    await jsm.streams.add({ name: theirs.streamName('A'), subjects: [`${theirs.subjectPrefix}.a.>`] });

    const deleted = await deleteTaggedStreams(nc, mine.tag);

    expect(deleted.sort()).toEqual([mine.streamName('A'), mine.streamName('B')]);
    await expect(jsm.streams.info(theirs.streamName('A'))).resolves.toBeDefined();
  });
});
