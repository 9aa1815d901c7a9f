import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Counts `ARGV[4]` hits of one client and checks its block, atomically in Redis. A client over
 * its limit is blocked for `blockMs` and not counted meanwhile; the block replaces its window,
 * so it starts afresh afterwards. Returns [hits, window ms left, block ms left (0: not blocked)].
 */
const COUNT_HITS = `
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then return { tonumber(ARGV[2]) + 1, blockedFor, blockedFor } end
local hits = redis.call('INCRBY', KEYS[1], ARGV[4])
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

type CountHits = (
  hitsKey: string,
  blockKey: string,
  ttlMs: number,
  limit: number,
  blockMs: number,
  hits: number,
) => Promise<[number, number, number]>;

/** @nestjs/throttler's ThrottlerStorageRecord (its index does not export the type). */
type HitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** What this replica knows of one client's window, and the hits it has not told Redis yet. */
interface Window {
  hits: number;
  unsent: number;
  endsAt: number;
  ttlMs: number;
  limit: number;
  blockMs: number;
}

/** How long locally counted hits wait before they are added to Redis, in one pipeline. */
export const THROTTLE_FLUSH_MS = 20;
/** At this many remembered windows, the ended ones are forgotten. */
const WINDOWS_SWEEP_AT = 10_000;

/**
 * Rate-limit counters in Redis, shared by every gateway replica and kept over restarts.
 *
 * A client's first hit of a window, and every hit once its count reaches half its limit, is
 * counted in Redis before it is answered. Below half, a hit is counted here and added to Redis
 * within THROTTLE_FLUSH_MS, with every other client's, in one pipeline: the general limit is
 * in the thousands per minute and nearly every request is far below it, and a Redis round
 * trip per request was 15 % of the gateway's CPU under load. So the limit still holds exactly
 * near it; across replicas the half-way point can be overshot only by the hits of one flush
 * interval. The script is run by its SHA (ioredis sends it again if Redis lost it).
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('Throttler');
  private readonly redis: Redis;
  private readonly countHits: CountHits;
  private readonly windows = new Map<string, Window>();
  /** Windows with hits not yet added to Redis. */
  private readonly unsentIn = new Set<string>();
  private sweepAt = WINDOWS_SWEEP_AT;
  private flushTimer?: NodeJS.Timeout;

  constructor(url: string, options: RedisOptions) {
    this.redis = new Redis(url, options);
    this.redis.defineCommand('linkwayCountHits', { numberOfKeys: 2, lua: COUNT_HITS });
    this.countHits = (this.redis as unknown as { linkwayCountHits: CountHits }).linkwayCountHits.bind(
      this.redis,
    );
  }

  async increment(
    key: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
    throttler: string,
  ): Promise<HitRecord> {
    // one hash slot per client and throttler, for Redis Cluster
    const slot = `{${key}:${throttler}}`;
    const now = Date.now();
    const known = this.windows.get(slot);
    if (known && known.endsAt > now && known.hits + 1 <= limit / 2) {
      known.hits += 1;
      known.unsent += 1;
      this.unsentIn.add(slot);
      this.scheduleFlush();
      return {
        totalHits: known.hits,
        timeToExpire: seconds(known.endsAt - now),
        isBlocked: false,
        timeToBlockExpire: 0,
      };
    }
    // hits of a window that has ended are not carried into the next
    const unsent = known && known.endsAt > now ? known.unsent : 0;
    if (known) known.unsent = 0;
    let answer;
    try {
      // a block of 0 ms would make Redis refuse the SET: at least 1 ms
      answer = await this.send(slot, { ttlMs, limit, blockMs: Math.max(1, blockMs) }, 1 + unsent);
    } catch (error) {
      if (known && unsent) {
        known.unsent += unsent;
        this.unsentIn.add(slot);
      }
      throw error;
    }
    const [hits, windowLeftMs, blockLeftMs] = answer;
    return {
      totalHits: hits,
      timeToExpire: seconds(windowLeftMs),
      isBlocked: blockLeftMs > 0,
      timeToBlockExpire: seconds(blockLeftMs),
    };
  }

  /** Adds the locally counted hits to Redis now (also before shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const due = [...this.unsentIn];
    this.unsentIn.clear();
    let failed: Error | undefined;
    await Promise.all(
      due.map(async (slot) => {
        const window = this.windows.get(slot);
        if (!window?.unsent) return;
        if (window.endsAt <= Date.now()) return void (window.unsent = 0);
        const unsent = window.unsent;
        window.unsent = 0;
        try {
          await this.send(slot, window, unsent);
        } catch (error) {
          // sent with the next flush (the next hit schedules one); this replica's count still holds
          window.unsent += unsent;
          this.unsentIn.add(slot);
          failed = error as Error;
        }
      }),
    );
    if (failed)
      this.logger.warn({ msg: 'could not add hits to Redis', windows: due.length, error: failed.message });
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.redis.disconnect(false);
  }

  private async send(slot: string, rule: Pick<Window, 'ttlMs' | 'limit' | 'blockMs'>, hits: number) {
    const answer = await this.countHits(
      `${slot}:hits`,
      `${slot}:blocked`,
      rule.ttlMs,
      rule.limit,
      rule.blockMs,
      hits,
    );
    const [total, windowLeftMs, blockLeftMs] = answer;
    // what Redis says includes every replica's hits; a blocked client is asked about each time
    const endsAt = Date.now() + (blockLeftMs > 0 ? blockLeftMs : windowLeftMs);
    const window = this.windows.get(slot);
    if (window) Object.assign(window, { hits: total + window.unsent, endsAt, ...rule });
    else this.remember(slot, { hits: total, unsent: 0, endsAt, ...rule });
    return answer;
  }

  private remember(slot: string, window: Window): void {
    if (this.windows.size >= this.sweepAt) {
      const now = Date.now();
      for (const [known, w] of this.windows)
        if (w.endsAt <= now && w.unsent === 0) this.windows.delete(known);
      // a sweep at most each time the live windows have doubled: O(1) a request on average
      this.sweepAt = Math.max(WINDOWS_SWEEP_AT, this.windows.size * 2);
    }
    this.windows.set(slot, window);
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => void this.flush(), THROTTLE_FLUSH_MS).unref();
  }
}

const seconds = (ms: number) => Math.ceil(ms / 1000);
