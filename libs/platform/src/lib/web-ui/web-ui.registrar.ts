import fastifyStatic from '@fastify/static';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WebConfig } from './web.config';
import { webConfig } from './web.config';
import { SERVER_PREFIXES, spaTarget } from './spa-paths';

/** An app's own path prefixes beyond /api and /health (the gateway's /oruk, /fhir). */
export const WEB_UI_SERVER_PREFIXES = Symbol('WEB_UI_SERVER_PREFIXES');

const INDEX = 'index.html';

/**
 * Serves the built web UI at `/` from the app's own Fastify instance (the hub gateways and the
 * federation serve the same build; each screen decides by role): hashed assets with a
 * year-long immutable cache, every other non-API GET answered with index.html (no-cache) so
 * the single-page app handles deep links. API, docs and /health keep their own routes and
 * their JSON 404. Registered as a raw Fastify route: Nest's global prefix, guards and rate
 * limits are for the API, and static files need none of them.
 */
@Injectable()
export class WebUiRegistrar implements OnModuleInit {
  private readonly logger = new Logger(WebUiRegistrar.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(webConfig.KEY) private readonly config: WebConfig,
    @Inject(WEB_UI_SERVER_PREFIXES) private readonly extraPrefixes: string[],
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyInstance>();
    const root = path.resolve(this.config.WEB_DIST_DIR);
    if (!existsSync(path.join(root, INDEX))) {
      this.logger.warn({
        msg: 'web UI not built; / answers 503 until it is',
        root,
        build: 'npx nx build web',
      });
    }
    // an encapsulated context: our sendFile decoration cannot clash with another plugin's
    void fastify.register(async (scope) => {
      await scope.register(fastifyStatic, { root, serve: false, index: false });
      scope.route({
        method: ['GET', 'HEAD'],
        url: '/*',
        handler: (request, reply) => this.answer(root, request.url, reply),
      });
      scope.route({
        method: ['GET', 'HEAD'],
        url: '/',
        handler: (request, reply) => this.answer(root, request.url, reply),
      });
    });
  }

  private answer(root: string, url: string, reply: FastifyReply): FastifyReply | void {
    const prefixes = [...SERVER_PREFIXES, ...this.extraPrefixes];
    const target = spaTarget(url, (relative) => isFile(path.join(root, relative)), prefixes);
    if (target.kind === 'not-found') return reply.callNotFound();
    if (target.kind === 'file') {
      return reply
        .header('cache-control', target.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(target.file, { cacheControl: false });
    }
    if (!isFile(path.join(root, INDEX))) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Linkway web UI is not built on this server. Build it with: npx nx build web\n');
    }
    return reply.header('cache-control', 'no-cache').sendFile(INDEX, { cacheControl: false });
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
