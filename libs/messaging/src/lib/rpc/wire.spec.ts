import { RpcException } from '@nestjs/microservices';
import { NotFoundError, UnavailableError, ValidationFailedError } from '@linkway/util';
import { rpcErrorBody } from './domain-rpc-exception.filter';
import { NO_HANDLER, REMOTE_INTERNAL, RemoteError } from './remote-error';
import { decodeReply, encodeRequest, oneShotResponseText, replyJson, requestFailure } from './wire';

const reply = (v: unknown) => Buffer.from(JSON.stringify(v));
const SUBJECT = 'casework.case.get.v1';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('Nest NATS wire format', () => {
  it('encodes a request as Nest ClientNats does', () => {
    expect(
      JSON.parse(Buffer.from(encodeRequest({ pattern: SUBJECT, data: { id: 'c1' }, id: 'r1' })).toString()),
    ).toEqual({
      pattern: SUBJECT,
      data: { id: 'c1' },
      id: 'r1',
    });
  });

  it('returns the response of a successful reply', () => {
    expect(decodeReply(reply({ id: 'r1', response: { ok: true }, isDisposed: true }), SUBJECT)).toEqual({
      ok: true,
    });
  });

  it('maps a DomainError body to a RemoteError with code, message and details', () => {
    const error = thrown(() =>
      decodeReply(
        reply({
          id: 'r1',
          isDisposed: true,
          err: {
            code: 'VALIDATION_FAILED',
            message: 'bad',
            details: [{ field: 'nhsNumber', reason: 'checksum' }, 'junk'],
          },
        }),
        SUBJECT,
      ),
    );
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'bad',
      details: [{ field: 'nhsNumber', reason: 'checksum' }],
      subject: SUBJECT,
    });
  });

  it("maps Nest's own error shapes", () => {
    expect(
      thrown(() =>
        decodeReply(
          reply({ err: 'There is no matching message handler defined in the remote service.' }),
          SUBJECT,
        ),
      ),
    ).toMatchObject({ code: NO_HANDLER });
    expect(
      thrown(() =>
        decodeReply(reply({ err: { status: 'error', message: 'Internal server error' } }), SUBJECT),
      ),
    ).toMatchObject({ code: REMOTE_INTERNAL, message: 'Internal server error' });
    expect(thrown(() => decodeReply(Buffer.alloc(0), SUBJECT))).toMatchObject({ code: REMOTE_INTERNAL });
    expect(thrown(() => decodeReply(Buffer.from('<html>'), SUBJECT))).toMatchObject({
      code: REMOTE_INTERNAL,
    });
  });

  it('maps a lost connection at publish to Unavailable and keeps other errors', () => {
    const closed = requestFailure({ code: 'CONNECTION_CLOSED' }, SUBJECT);
    expect(closed).toBeInstanceOf(UnavailableError);
    expect(closed.message).toBe(`NATS connection unavailable for ${SUBJECT} (CONNECTION_CLOSED)`);
    expect(requestFailure({ code: 'CONNECTION_DRAINING' }, SUBJECT)).toBeInstanceOf(UnavailableError);
    const other = new Error('bad subject');
    expect(requestFailure(other, SUBJECT)).toBe(other);
  });
});

describe(rpcErrorBody.name, () => {
  it('sends a DomainError with its code and details', () => {
    expect(rpcErrorBody(new ValidationFailedError('bad', [{ field: 'x', reason: 'y' }]))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'bad',
      details: [{ field: 'x', reason: 'y' }],
    });
    expect(rpcErrorBody(new NotFoundError('Case', 'c1'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('passes an RpcException that already has a code, and hides anything else', () => {
    expect(rpcErrorBody(new RpcException({ code: 'CONFLICT', message: 'taken' }))).toEqual({
      code: 'CONFLICT',
      message: 'taken',
    });
    expect(rpcErrorBody(new Error('password=hunter2'))).toEqual({
      code: REMOTE_INTERNAL,
      message: 'internal error in the remote service',
    });
  });

  it('reports a database outage as UNAVAILABLE (the caller answers 503), not as a bug', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    for (const error of [refused, shutdown])
      expect(rpcErrorBody(error)).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('round-trips through the reply decoder', () => {
    const body = rpcErrorBody(new NotFoundError('Case', 'c1'));
    expect(thrown(() => decodeReply(reply({ err: body, isDisposed: true }), SUBJECT))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Case c1 was not found',
    });
  });
});

describe('a response as JSON text', () => {
  // spaces and 1.50 survive only if the text is sliced out, not parsed and re-encoded
  const oneShot = (id: string) =>
    Buffer.from(`{"response":{"n": 1.50, "s":"a,\\"id\\":"},"isDisposed":true,"id":"${id}"}`);

  it('slices the response out of a one-shot reply for that request', () => {
    expect(oneShotResponseText(oneShot('r1'), 'r1')?.toString()).toBe('{"n": 1.50, "s":"a,\\"id\\":"}');
    expect(replyJson(oneShot('r1'), SUBJECT, 'r1').toString()).toBe('{"n": 1.50, "s":"a,\\"id\\":"}');
  });

  it("decodes any other shape in full: another request's id, a reply without its completion", () => {
    expect(oneShotResponseText(oneShot('r1'), 'r2')).toBeUndefined();
    expect(replyJson(oneShot('r1'), SUBJECT, 'r2').toString()).toBe('{"n":1.5,"s":"a,\\"id\\":"}');
    const streamed = reply({ response: [1, 2], id: 'r1' });
    expect(oneShotResponseText(streamed, 'r1')).toBeUndefined();
    expect(replyJson(streamed, SUBJECT, 'r1').toString()).toBe('[1,2]');
  });

  it('throws the remote error of an error reply', () => {
    const body = rpcErrorBody(new NotFoundError('Case', 'c1'));
    const failed = reply({ err: body, isDisposed: true, id: 'r1' });
    expect(oneShotResponseText(failed, 'r1')).toBeUndefined();
    expect(thrown(() => replyJson(failed, SUBJECT, 'r1'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
