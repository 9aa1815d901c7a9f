import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { uuidv7 } from '@linkway/util';
import { findPrincipal } from '../auth/principal';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's X-Request-Id when it is sane (so a trace spans the proxy), else makes one. */
export function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
}

/**
 * One structured line per request: id, method, path (no query string), status, duration and
 * the actor when known. Never bodies, headers or tokens: they carry personal data and secrets.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  const logger = new Logger('Http');
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply) => {
    logger.log({
      msg: 'request',
      requestId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      actorId: findPrincipal(request)?.accountId,
    });
  });
}
