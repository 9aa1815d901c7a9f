import type { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * One request's count and block check, atomically in Redis. A client over its limit is blocked
 * for `blockMs` and not counted meanwhile; the block replaces its window, so it starts afresh
 * afterwards. Returns [hits, window ms left, block ms left (0: not blocked)].
 */
const COUNT_HIT = `
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then return { tonumber(ARGV[2]) + 1, blockedFor, blockedFor } end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
  return { hits, windowLeft, tonumber(ARGV[3]) }
end
return { hits, windowLeft, 0 }`;

type CountHit = (
  hitsKey: string,
  blockKey: string,
  ttlMs: number,
  limit: number,
  blockMs: number,
) => Promise<[number, number, number]>;

/**
 * Rate-limit counters in Redis, shared by every gateway replica and kept over restarts. The
 * script is loaded once and run by its SHA (ioredis falls back to sending it when Redis lost
 * it); @nest-lab/throttler-storage-redis sent the whole script with every request (5 % of the
 * gateway's CPU under load, in socket writes alone).
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis;
  private readonly countHit: CountHit;

  constructor(url: string, options: RedisOptions) {
    this.redis = new Redis(url, options);
    this.redis.defineCommand('linkwayCountHit', { numberOfKeys: 2, lua: COUNT_HIT });
    this.countHit = (this.redis as unknown as { linkwayCountHit: CountHit }).linkwayCountHit.bind(this.redis);
  }

  async increment(key: string, ttlMs: number, limit: number, blockMs: number, throttler: string) {
    // one hash slot per client and throttler, for Redis Cluster
    const slot = `{${key}:${throttler}}`;
    const [totalHits, windowLeftMs, blockLeftMs] = await this.countHit(
      `${slot}:hits`,
      `${slot}:blocked`,
      ttlMs,
      limit,
      blockMs,
    );
    return {
      totalHits,
      timeToExpire: Math.ceil(windowLeftMs / 1000),
      isBlocked: blockLeftMs > 0,
      timeToBlockExpire: Math.ceil(blockLeftMs / 1000),
    };
  }

  onModuleDestroy(): void {
    this.redis.disconnect(false);
  }
}
