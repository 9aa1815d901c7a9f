import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { OrukController, orukRoot } from './oruk.controller';

/** The public ORUK read API at /oruk (excluded from the /api/v1 prefix in app.setup.ts). */
@Module({ controllers: [OrukController] })
export class OrukModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * The standard names the root `/oruk/`, with the slash, which Nest's router normalises away
   * (and the web UI's catch-all would answer): a raw Fastify route serves it.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/oruk/', async (_request, reply) => {
      await reply.header('access-control-allow-origin', '*').send(orukRoot());
    });
  }
}
