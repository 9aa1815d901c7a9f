import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import { withTimeout } from '@linkway/util';

export const REDIS = Symbol('REDIS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(key = 'redis') {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'redis ping');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async check(key = 'nats') {
    const indicator = this.health.check(key);
    try {
      if (this.nats.isClosed()) throw new Error('connection closed');
      const rtt = await withTimeout(this.nats.rtt(), CHECK_TIMEOUT_MS, 'nats rtt');
      return indicator.up({ rttMs: rtt, server: this.nats.getServer() });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
