import { connect, type NatsConnection } from 'nats';
import { TimeoutError, UnavailableError } from '@linkway/util';
import { messagingNames, testUrls } from '@linkway/testing';
import { ReplyMux } from './reply-mux';

const text = (data: Uint8Array) => Buffer.from(data).toString();

describe('ReplyMux (real NATS)', () => {
  const names = messagingNames('mux');
  const subject = (s: string) => `${names.subjectPrefix}.${s}`;
  let requester: NatsConnection;
  let responder: NatsConnection;
  let mux: ReplyMux;

  beforeAll(async () => {
    requester = await connect({ servers: testUrls().nats });
    responder = await connect({ servers: testUrls().nats });
    mux = new ReplyMux(requester);
    responder.subscribe(subject('echo'), { callback: (_e, msg) => msg.respond(msg.data) });
    // answers after the delay named in the request
    responder.subscribe(subject('slow'), {
      callback: (_e, msg) => setTimeout(() => msg.respond(msg.data), Number(text(msg.data))),
    });
    responder.subscribe(subject('silent'), { callback: () => undefined });
    await responder.flush();
  });

  afterAll(async () => {
    await responder?.drain();
    if (!requester?.isClosed()) await requester?.drain();
  });

  it('gives each of many concurrent requests its own reply', async () => {
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, i) => mux.request(subject('echo'), Buffer.from(`m${i}`), 5_000)),
    );
    expect(replies.map((r) => text(r.data))).toEqual(Array.from({ length: 500 }, (_, i) => `m${i}`));
    expect(mux.inFlight).toBe(0);
  });

  it('times out at the timeout, drops the late reply, and serves the next request', async () => {
    const started = performance.now();
    await expect(mux.request(subject('slow'), Buffer.from('300'), 100)).rejects.toThrow(
      new TimeoutError(`${subject('slow')} did not answer within 100 ms`),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(mux.inFlight).toBe(0);
    await new Promise((r) => setTimeout(r, 300)); // the late reply arrives meanwhile
    expect(text((await mux.request(subject('slow'), Buffer.from('1'), 1_000)).data)).toBe('1');
  });

  it('fails at once with UnavailableError when nobody serves the subject', async () => {
    const started = performance.now();
    await expect(mux.request(subject('nobody'), Buffer.from('x'), 5_000)).rejects.toThrow(
      new UnavailableError(`no service answers ${subject('nobody')}`),
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('fails requests in flight with UnavailableError when the connection closes, and new ones too', async () => {
    const waiting = mux.request(subject('silent'), Buffer.from('x'), 10_000);
    await requester.flush();
    await requester.close();
    await expect(waiting).rejects.toBeInstanceOf(UnavailableError);
    await expect(mux.request(subject('echo'), Buffer.from('x'), 1_000)).rejects.toMatchObject({
      code: 'CONNECTION_CLOSED',
    });
    expect(mux.inFlight).toBe(0);
  });
});
