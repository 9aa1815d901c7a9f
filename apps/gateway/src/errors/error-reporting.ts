import type { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from '@linkway/util';
import { type ErrorBody, toErrorResponse } from './error-response';

/**
 * Turns an error into the standard response and logs it. Shared by the Nest exception filter
 * and Fastify's own error handler (body limit, bad JSON), so both answer alike. An unexpected
 * error gets an id that is logged with its stack and returned to the caller to quote.
 */
export function errorReply(error: unknown, request: FastifyRequest, logger: Logger): ErrorBody {
  const { body, unexpected } = toErrorResponse(error);
  if (unexpected) {
    const errorId = uuidv7();
    logger.error({
      msg: 'unexpected error',
      errorId,
      requestId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return { ...body, details: [{ field: 'errorId', reason: `quote ${errorId} when reporting this error` }] };
  }
  return body;
}

export function sendError(reply: FastifyReply, body: ErrorBody): void {
  if (body.statusCode === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}
