import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RedisConfig } from '@linkway/config';
import type { CaseworkConfig } from '../config/casework.config';

export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

/** BullMQ's own connections (workers need maxRetriesPerRequest null), under the hub's REDIS_PREFIX. */
export interface BullConnection {
  options: { url: string; maxRetriesPerRequest: null };
  prefix: string;
  lockMs: number;
}

export const bullConnectionProvider: Provider = {
  provide: BULL_CONNECTION,
  inject: [ConfigService],
  useFactory: (config: ConfigService): BullConnection => {
    const redis = config.getOrThrow<RedisConfig>('redis');
    return {
      options: { url: redis.REDIS_URL, maxRetriesPerRequest: null },
      prefix: `${redis.REDIS_PREFIX}:bull`,
      lockMs: config.getOrThrow<CaseworkConfig>('casework').CASEWORK_CHASER_LOCK_MS,
    };
  },
};
