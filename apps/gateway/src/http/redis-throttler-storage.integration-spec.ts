import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testUrls } from '@linkway/testing';
import { RedisThrottlerStorage } from './redis-throttler-storage';

describe('RedisThrottlerStorage (real Redis)', () => {
  const prefix = `test:throttle:${randomBytes(4).toString('hex')}:`;
  let storage: RedisThrottlerStorage;
  let redis: Redis;

  beforeAll(() => {
    storage = new RedisThrottlerStorage(testUrls().redis, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
    redis = new Redis(testUrls().redis);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    storage.onModuleDestroy();
  });

  const hit = (client: string, limit = 2, ttlMs = 60_000, blockMs = 60_000) =>
    storage.increment(client, ttlMs, limit, blockMs, 'default');

  it('counts hits in a window and blocks past the limit', async () => {
    expect(await hit('a')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await hit('a')).isBlocked).toBe(false);
    const over = await hit('a');
    expect(over).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 60 });
    // another client has its own budget
    expect((await hit('b')).totalHits).toBe(1);
  });

  it('does not count a blocked client, and starts it afresh when the block ends', async () => {
    for (let i = 0; i < 3; i += 1) await hit('c', 2, 60_000, 300);
    const blocked = await hit('c', 2, 60_000, 300);
    expect(blocked.isBlocked).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await hit('c', 2, 60_000, 300)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps working when Redis forgets the script (restart, SCRIPT FLUSH)', async () => {
    await hit('d');
    await redis.script('FLUSH');
    expect((await hit('d')).totalHits).toBe(2);
  });

  it('keeps its keys under the configured prefix, expiring with the window', async () => {
    await hit('expiring', 5, 2_000);
    const keys = await redis.keys(`${prefix}{expiring:*`);
    expect(keys).toEqual([`${prefix}{expiring:default}:hits`]);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2_000);
  });
});
