import type { ConsoleLogger, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import type { HttpConfig, NatsConfig } from '@linkway/config';
import { natsTransportOptions } from '@linkway/messaging';
import { createLogger } from './logger';

export interface BootstrapOptions {
  /** Join the service's NATS queue group for request/reply (hub services); off for HTTP-only apps. */
  rpc?: boolean;
}

/**
 * Boots a service: NATS request/reply in the service's queue group, plus an HTTP listener
 * for /health (and, for the federation, its API). Shutdown hooks drain NATS and close pools
 * on SIGTERM.
 */
export async function bootstrapService(
  module: Type<unknown>,
  service: string,
  { rpc = true }: BootstrapOptions = {},
): Promise<INestApplication> {
  const logger = createLogger(service);
  try {
    return await start(module, service, rpc, logger);
  } catch (error) {
    // a clear last line instead of an unhandled rejection; the supervisor restarts us
    logger.fatal({ msg: 'startup failed', service, error: (error as Error).message });
    process.exit(1);
  }
}

async function start(module: Type<unknown>, service: string, rpc: boolean, logger: ConsoleLogger) {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
    logger,
    bufferLogs: true,
  });
  app.enableShutdownHooks();
  const config = app.get(ConfigService);
  if (rpc) {
    // Handlers are registered right here, so a global filter set afterwards would never apply:
    // each message controller carries @UseFilters(new DomainRpcExceptionFilter()) itself, which
    // also holds when a test mounts the module without this bootstrap.
    app.connectMicroservice(natsTransportOptions(config.getOrThrow<NatsConfig>('nats'), service));
    await app.startAllMicroservices();
  }
  const http = config.getOrThrow<HttpConfig>('http');
  await app.listen(http.PORT, http.HOST);
  logger.log({ msg: 'service started', service, url: await app.getUrl() });
  return app;
}
