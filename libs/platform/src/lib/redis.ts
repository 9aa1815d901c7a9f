import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { withTimeout } from '@linkway/util';
import type { RedisConfig } from '@linkway/config';

const logger = new Logger('Redis');

const describe = (redis: Redis) => `${redis.options.host}:${redis.options.port}`;

export class RedisEvictionError extends Error {
  constructor(policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}": Redis may silently drop queued jobs and rate-limit counters. ` +
        `Set "maxmemory-policy noeviction" (infra/redis/redis.conf) and restart, or point REDIS_URL at a Redis that has it.`,
    );
    this.name = 'RedisEvictionError';
  }
}

/** BullMQ keeps jobs in Redis: an evicting Redis loses follow-ups and chasers without a trace. */
export async function assertNoEviction(redis: Redis, timeoutMs = 10_000): Promise<void> {
  const info = await withTimeout(redis.info('memory'), timeoutMs, `Redis at ${describe(redis)}`);
  const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? 'unknown';
  if (policy !== 'noeviction') throw new RedisEvictionError(policy);
}

export function createRedis(config: Pick<RedisConfig, 'REDIS_URL'>, name: string): Redis {
  const redis = new Redis(config.REDIS_URL, {
    connectionName: name,
    // BullMQ needs blocking commands to wait, not fail, while Redis restarts
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
  });
  // ioredis reconnects by itself; log each distinct failure once instead of every retry
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ msg: 'redis connection error', connection: name, error: error.message });
  });
  redis.on('ready', () => {
    if (lastError) logger.log({ msg: 'redis reconnected', connection: name });
    lastError = '';
  });
  return redis;
}
