import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TimeoutError,
  UnavailableError,
  ValidationFailedError,
} from '@linkway/util';
import { UnauthenticatedError } from './gateway-errors';
import { toErrorResponse } from './error-response';

describe(toErrorResponse.name, () => {
  it.each([
    [new ValidationFailedError('bad', [{ field: 'email', reason: 'must be an email' }]), 400, 'Bad Request'],
    [new UnauthenticatedError('who?'), 401, 'Unauthorized'],
    [new ForbiddenError('no'), 403, 'Forbidden'],
    [new NotFoundError('Referral', 'r1'), 404, 'Not Found'],
    [new ConflictError('again'), 409, 'Conflict'],
    [new UnavailableError('down'), 503, 'Service Unavailable'],
    [new TimeoutError('slow'), 504, 'Gateway Timeout'],
  ])('maps %p by its code', (error, statusCode, label) => {
    const { body, unexpected } = toErrorResponse(error);
    expect(body).toEqual({ statusCode, error: label, message: error.message, details: error.details });
    expect(unexpected).toBe(false);
  });

  it("maps any error with a string code and details the same way (a hub service's RemoteError)", () => {
    const remote = Object.assign(new Error('Case c1 was not found'), {
      code: 'NOT_FOUND',
      details: [{ field: 'caseId', reason: 'unknown', extra: 1 }],
    });
    expect(toErrorResponse(remote).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Case c1 was not found',
      details: [{ field: 'caseId', reason: 'unknown' }],
    });
  });

  it('answers an unknown code as an internal error without its message', () => {
    const remote = Object.assign(new Error('db password is hunter2'), {
      code: 'REMOTE_INTERNAL',
      details: [],
    });
    expect(toErrorResponse(remote)).toEqual({
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal error', details: [] },
      unexpected: true,
    });
  });

  it('hides the message and stack of anything unexpected', () => {
    const { body, unexpected } = toErrorResponse(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal error',
      details: [],
    });
    expect(unexpected).toBe(true);
    expect(toErrorResponse('a string').body.statusCode).toBe(500);
    expect(toErrorResponse(null).body.statusCode).toBe(500);
  });

  it("answers 503 when the gateway's own database is unreachable", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toErrorResponse(refused)).toEqual({
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The service is temporarily unavailable; try again shortly',
        details: [],
      },
      unexpected: false,
    });
  });

  it("keeps Nest's 4xx exceptions and their messages", () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /x',
      details: [],
    });
    expect(toErrorResponse(new BadRequestException(['a is wrong', 'b is wrong'])).body.details).toEqual([
      { reason: 'a is wrong' },
      { reason: 'b is wrong' },
    ]);
    expect(toErrorResponse(new ThrottlerException('Too many requests; try again later')).body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
    });
  });

  it("maps Fastify's own client errors (413 body too large) by their status", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toErrorResponse(tooLarge).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is too large',
      details: [],
    });
  });

  it('lists the failing checks of an unhealthy /health', () => {
    const report = {
      status: 'error',
      info: { postgres: { status: 'up' } },
      error: { redis: { status: 'down', message: 'connect ECONNREFUSED' } },
      details: {},
    };
    expect(toErrorResponse(new ServiceUnavailableException(report)).body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'A dependency is not healthy',
      details: [{ field: 'redis', reason: 'connect ECONNREFUSED' }],
    });
  });
});
