import type { Msg, NatsConnection, RequestOptions as NatsRequestOptions } from 'nats';
import { TimeoutError, UnavailableError } from '@linkway/util';
import { RemoteError } from './remote-error';
import { RequestClient } from './request-client';

type Sent = {
  subject: string;
  body: { pattern: string; data: unknown; id: string };
  opts?: Partial<NatsRequestOptions>;
};

/** Just enough of a NatsConnection to see what the client sends; NATS itself is covered by the integration spec. */
function fakeNats(answer: (sent: Sent) => unknown): { nc: NatsConnection; sent: Sent[] } {
  const sent: Sent[] = [];
  const nc = {
    request: async (subject: string, data: Uint8Array, opts?: Partial<NatsRequestOptions>) => {
      const s = { subject, body: JSON.parse(Buffer.from(data).toString()), opts };
      sent.push(s);
      const reply = answer(s);
      if (reply instanceof Error) throw reply;
      return { data: Buffer.from(JSON.stringify(reply)) } as unknown as Msg;
    },
  } as unknown as NatsConnection;
  return { nc, sent };
}

const natsError = (code: string) => Object.assign(new Error(code), { code });

describe(RequestClient.name, () => {
  it('sends the Nest packet to the subject with the configured default timeout', async () => {
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
      opts: { timeout: 1_234 },
    });
    expect(sent[0].body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets one call override the timeout and add headers', async () => {
    const { nc, sent } = fakeNats(() => ({ response: 1 }));
    await new RequestClient(nc).requestUntyped(
      'x.y.v1',
      {},
      { timeoutMs: 50, headers: { 'Linkway-Correlation-Id': 'c1' } },
    );
    expect(sent[0].opts?.timeout).toBe(50);
    expect(sent[0].opts?.headers?.get('Linkway-Correlation-Id')).toBe('c1');
  });

  it('defaults to 5 s', async () => {
    const { nc, sent } = fakeNats(() => ({ response: 1 }));
    await new RequestClient(nc).requestUntyped('x.y.v1', {});
    expect(sent[0].opts?.timeout).toBe(5_000);
  });

  it('types failures: no responders, timeout, remote error', async () => {
    const sut = (reply: unknown) => new RequestClient(fakeNats(() => reply).nc);
    await expect(sut(natsError('503')).requestUntyped('a.v1', {})).rejects.toBeInstanceOf(UnavailableError);
    await expect(sut(natsError('TIMEOUT')).requestUntyped('a.v1', {})).rejects.toBeInstanceOf(TimeoutError);
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
