import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import type { HttpConfig } from '@linkway/config';
import { createLogger } from '@linkway/platform';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

/**
 * The federation runs at ICS level: its own HTTP API (no NATS request/reply), snapshots arrive
 * through JetStream (FEDERATION_IN). A failed start is one fatal line and exit 1.
 */
/** The federation's HTTP port when PORT is not set (hub gateways start at 3000). */
export const FEDERATION_DEFAULT_PORT = '3100';

async function main(): Promise<void> {
  process.env.PORT ??= FEDERATION_DEFAULT_PORT;
  const logger = createLogger('federation');
  try {
    const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
      logger,
      bufferLogs: true,
    });
    configureApp(app);
    const http = app.get(ConfigService).getOrThrow<HttpConfig>('http');
    await app.listen(http.PORT, http.HOST);
    logger.log({ msg: 'service started', service: 'federation', url: await app.getUrl() });
  } catch (error) {
    logger.fatal({ msg: 'startup failed', service: 'federation', error: (error as Error).message });
    process.exit(1);
  }
}

void main();
