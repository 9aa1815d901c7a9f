import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { HttpConfig, RedisConfig } from '@linkway/config';
import { type GatewayConfig } from '../config/gateway.config';
import { RedisThrottlerStorage } from './redis-throttler-storage';

const STRICT = 'linkway:strict-throttle';

/** Adds the stricter `login` limit (LOGIN_RATE_LIMIT_PER_MINUTE) to a route, on top of the general one. */
export const StrictThrottle = () => SetMetadata(STRICT, true);

const isStrict = (context: ExecutionContext) => Reflect.getMetadata(STRICT, context.getHandler()) === true;

const MINUTE_MS = 60_000;

/**
 * Counters live in Redis, so every gateway replica of the hub counts the same client, and a
 * restart does not reset them. Keys are namespaced with REDIS_PREFIX (hubs and test suites may
 * share a Redis).
 */
export const ThrottlingModule = ThrottlerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService): ThrottlerModuleOptions => {
    const http = config.getOrThrow<HttpConfig>('http');
    const redis = config.getOrThrow<RedisConfig>('redis');
    const gateway = config.getOrThrow<GatewayConfig>('gateway');
    return {
      throttlers: [
        { name: 'default', ttl: MINUTE_MS, limit: http.RATE_LIMIT_PER_MINUTE },
        {
          name: 'login',
          ttl: MINUTE_MS,
          limit: gateway.LOGIN_RATE_LIMIT_PER_MINUTE,
          skipIf: (context) => !isStrict(context),
        },
      ],
      errorMessage: 'Too many requests; try again later',
      storage: new RedisThrottlerStorage(redis.REDIS_URL, {
        keyPrefix: `${redis.REDIS_PREFIX}:gateway:throttle:`,
        connectionName: 'gateway-throttler',
        // every request increments a counter: commands of one tick go out in one write
        enableAutoPipelining: true,
        // a rate limiter must answer fast or fail, not queue requests behind a dead Redis
        maxRetriesPerRequest: 1,
        commandTimeout: 2_000,
        connectTimeout: 5_000,
      }),
    };
  },
});
