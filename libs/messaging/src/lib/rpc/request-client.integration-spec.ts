import { Logger } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { TimeoutError, UnavailableError } from '@linkway/util';
import { spawnTs, type TsChild } from '../../test-fixtures/harness';
import { messagingNames, testUrls } from '@linkway/testing';
import { connectNats } from '../nats-connection';
import { RemoteError } from './remote-error';
import { encodeRequest, oneShotResponseText } from './wire';
import { RequestClient } from './request-client';

const SERVICE_FIXTURE = 'libs/messaging/src/test-fixtures/rpc-service.process.ts';
const DEFAULT_TIMEOUT_MS = 5_000;
const SHORT_TIMEOUT_MS = 500;

/** Runs `work` and returns what it threw and how long it took. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    return { error, ms: Math.round(performance.now() - started) };
  }
  throw new Error('expected the request to fail');
}

describe(RequestClient.name, () => {
  const names = messagingNames('rpc');
  const subject = (s: string) => `${names.subjectPrefix}.${s}`;
  let nc: NatsConnection;
  let service: TsChild;
  let sut: RequestClient;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    nc = await connectNats({ NATS_URL: testUrls().nats }, `test-${names.tag}`);
    sut = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: DEFAULT_TIMEOUT_MS });
    service = await spawnTs(SERVICE_FIXTURE, {
      env: { SUBJECT_PREFIX: names.subjectPrefix, NATS_URL: testUrls().nats },
      readyLine: /^ready$/,
    });
  });

  afterAll(async () => {
    service?.resume();
    await service?.stop();
    await nc?.drain();
  });

  it('gets the answer of a Nest @MessagePattern handler', async () => {
    const reply = await sut.requestUntyped<{ echoed: string; pid: number }>(subject('echo.v1'), {
      text: 'hello',
    });
    expect(reply).toEqual({ echoed: 'hello', pid: service.pid });
  });

  it('answers in the one-shot shape whose response JSON text the gateway forwards unparsed', async () => {
    for (const pattern of [subject('echo.v1'), subject('echo-later.v1'), subject('echo-json.v1')]) {
      const id = `r-${pattern}`;
      const reply = await nc.request(pattern, encodeRequest({ pattern, data: { text: 'é "x"' }, id }));
      const text = oneShotResponseText(reply.data, id);
      expect(text?.toString()).toBe(JSON.stringify({ echoed: 'é "x"', pid: service.pid }));
    }
  });

  it('sends a JsonReply as the value its text holds', async () => {
    const reply = await sut.requestUntyped(subject('echo-json.v1'), { text: 'held' });
    expect(reply).toEqual({ echoed: 'held', pid: service.pid });
  });

  it('turns a DomainError thrown by the handler into a RemoteError with its code', async () => {
    const { error } = await failure(() => sut.requestUntyped(subject('case.get.v1'), { id: 'c-42' }));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Case c-42 was not found',
      subject: subject('case.get.v1'),
    });
  });

  it('times out at the timeout when the service is frozen (SIGSTOP)', async () => {
    service.pause();
    try {
      const { error, ms } = await failure(() =>
        sut.requestUntyped(subject('echo.v1'), { text: 'anyone?' }, { timeoutMs: SHORT_TIMEOUT_MS }),
      );
      console.log('SIGSTOPped service', {
        timeoutMs: SHORT_TIMEOUT_MS,
        failedAfterMs: ms,
        error: (error as Error).name,
        code: (error as TimeoutError).code,
      });
      expect(error).toBeInstanceOf(TimeoutError);
      expect(ms).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 20);
      expect(ms).toBeLessThan(SHORT_TIMEOUT_MS + 2_000);
    } finally {
      service.resume();
    }
  });

  it('fails at once with UnavailableError when the service is stopped', async () => {
    await service.stop();
    const { error, ms } = await failure(() => sut.requestUntyped(subject('echo.v1'), { text: 'anyone?' }));
    console.log('stopped service', {
      timeoutMs: DEFAULT_TIMEOUT_MS,
      failedAfterMs: ms,
      error: (error as Error).name,
      code: (error as UnavailableError).code,
    });
    expect(error).toBeInstanceOf(UnavailableError);
    expect(ms).toBeLessThan(DEFAULT_TIMEOUT_MS / 5);
  });
});
