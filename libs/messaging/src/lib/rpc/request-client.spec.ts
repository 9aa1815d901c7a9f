import type { Msg, MsgHdrs, NatsConnection } from 'nats';
import { TimeoutError, UnavailableError } from '@linkway/util';
import { RemoteError } from './remote-error';
import { RequestClient } from './request-client';

type Sent = {
  subject: string;
  body: { pattern: string; data: unknown; id: string };
  headers?: MsgHdrs;
};

/** The server's answer when nobody subscribes to the subject. */
const NO_RESPONDERS = Symbol('no responders');
/** No answer at all. */
const SILENCE = Symbol('silence');

/**
 * Just enough of a NatsConnection to see what the client publishes and to answer on its reply
 * subject; NATS itself is covered by the integration specs.
 */
function fakeNats(answer: (sent: Sent) => unknown): { nc: NatsConnection; sent: Sent[] } {
  const sent: Sent[] = [];
  let deliver: ((error: null, msg: Msg) => void) | undefined;
  const nc = {
    closed: () => new Promise(() => undefined),
    subscribe: (_subject: string, opts: { callback: (error: null, msg: Msg) => void }) => {
      deliver = opts.callback;
      return { isClosed: () => false };
    },
    publish: (subject: string, data: Uint8Array, opts: { reply: string; headers?: MsgHdrs }) => {
      const s = { subject, body: JSON.parse(Buffer.from(data).toString()), headers: opts.headers };
      sent.push(s);
      const reply = answer(s);
      if (reply === SILENCE) return;
      const msg =
        reply === NO_RESPONDERS
          ? { subject: opts.reply, data: new Uint8Array(), headers: { code: 503 } }
          : { subject: opts.reply, data: Buffer.from(JSON.stringify(reply)) };
      setImmediate(() => deliver?.(null, msg as unknown as Msg));
    },
  } as unknown as NatsConnection;
  return { nc, sent };
}

describe(RequestClient.name, () => {
  it('sends the Nest packet to the subject and answers with the response', async () => {
    const { nc, sent } = fakeNats((s) => ({
      id: s.body.id,
      response: { service: 'casework', version: '1', hubId: 'hub1' },
      isDisposed: true,
    }));
    const sut = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 1_234 });

    const pong = await sut.request('sys.ping.v1.casework', { from: 'gateway' });

    expect(pong.service).toBe('casework');
    expect(sent[0]).toMatchObject({
      subject: 'sys.ping.v1.casework',
      body: { pattern: 'sys.ping.v1.casework', data: { from: 'gateway' } },
    });
    expect(sent[0].body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('times out at the configured default, or at what one call says', async () => {
    const sut = new RequestClient(fakeNats(() => SILENCE).nc, { NATS_REQUEST_TIMEOUT_MS: 40 });
    await expect(sut.requestUntyped('x.y.v1', {})).rejects.toThrow(
      new TimeoutError('x.y.v1 did not answer within 40 ms'),
    );
    await expect(sut.requestUntyped('x.y.v1', {}, { timeoutMs: 20 })).rejects.toThrow(
      new TimeoutError('x.y.v1 did not answer within 20 ms'),
    );
  });

  it('defaults to 5 s', async () => {
    jest.useFakeTimers();
    try {
      const pending = new RequestClient(fakeNats(() => SILENCE).nc).requestUntyped('x.y.v1', {});
      const failed = expect(pending).rejects.toThrow('x.y.v1 did not answer within 5000 ms');
      jest.advanceTimersByTime(5_000);
      await failed;
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends the headers one call adds', async () => {
    const { nc, sent } = fakeNats(() => ({ response: 1 }));
    await new RequestClient(nc).requestUntyped('x.y.v1', {}, { headers: { 'Linkway-Correlation-Id': 'c1' } });
    expect(sent[0].headers?.get('Linkway-Correlation-Id')).toBe('c1');
  });

  it('types failures: no responders, remote error', async () => {
    const sut = (reply: unknown) => new RequestClient(fakeNats(() => reply).nc);
    await expect(sut(NO_RESPONDERS).requestUntyped('a.v1', {})).rejects.toThrow(
      new UnavailableError('no service answers a.v1'),
    );
    await expect(
      sut({ err: { code: 'CONFLICT', message: 'taken' } }).requestUntyped('a.v1', {}),
    ).rejects.toBeInstanceOf(RemoteError);
  });

  it('is typed by the RequestMap (checked by tsc)', () => {
    const sut = new RequestClient(fakeNats(() => ({ response: null })).nc);
    const typed = () => {
      // @ts-expect-error the ping request needs `from`
      void sut.request('sys.ping.v1.casework', {});
      // @ts-expect-error not a request subject
      void sut.request('sys.ping.v1.nobody', { from: 'x' });
    };
    expect(typed).toBeInstanceOf(Function);
  });
});
