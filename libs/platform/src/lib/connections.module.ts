import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import type { NatsConfig, RedisConfig } from '@linkway/config';
import { connectNats } from '@linkway/messaging';
import { NATS_CONNECTION, REDIS } from './health/indicators';
import { assertNoEviction, createRedis } from './redis';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/**
 * The process's shared Redis and NATS connections. Start-up fails, with a message a person
 * can act on, when Redis would evict keys.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService, SERVICE_NAME],
      useFactory: (config: ConfigService, service: string) =>
        createRedis(config.getOrThrow<RedisConfig>('redis'), service),
    },
    {
      provide: NATS_CONNECTION,
      inject: [ConfigService, SERVICE_NAME],
      useFactory: (config: ConfigService, service: string) =>
        connectNats(config.getOrThrow<NatsConfig>('nats'), service),
    },
  ],
  exports: [REDIS, NATS_CONNECTION],
})
export class ConnectionsModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectionsModule.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async onModuleInit() {
    await assertNoEviction(this.redis);
  }

  async onApplicationShutdown() {
    await this.nats
      .drain()
      .catch((error: Error) => this.logger.warn({ msg: 'nats drain failed', error: error.message }));
    this.redis.disconnect();
  }
}
