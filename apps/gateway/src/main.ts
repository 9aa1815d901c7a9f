import type { ConsoleLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DatabaseConfig, type HttpConfig, loadConfig } from '@linkway/config';
import { ensureDatabase } from '@linkway/persistence';
import { createLogger } from '@linkway/platform';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';

/** The hub's HTTP entry: Fastify, not the NATS bootstrap the other services use. */
async function main(logger: ConsoleLogger): Promise<void> {
  const { DATABASE_URL } = loadConfig('database', DatabaseConfig);
  // a hub's first start on a fresh server; a role without CREATEDB simply finds it made by infra
  await ensureDatabase(DATABASE_URL).catch((error: Error) =>
    logger.warn({ msg: 'could not ensure the hub database exists', error: error.message }),
  );
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    logger,
    bufferLogs: true,
    // let a failed start reach the catch below (one fatal line, exit 1) instead of abort()
    abortOnError: false,
  });
  await configureApp(app);
  const http = app.get(ConfigService).getOrThrow<HttpConfig>('http');
  await app.listen(http.PORT, http.HOST);
  logger.log({ msg: 'gateway started', url: await app.getUrl(), docs: `${await app.getUrl()}/api/docs` });
}

const logger = createLogger('gateway');
main(logger).catch((error: Error) => {
  // a clear last line instead of an unhandled rejection; the supervisor restarts us
  logger.fatal({ msg: 'startup failed', service: 'gateway', error: error.message, stack: error.stack });
  process.exit(1);
});
