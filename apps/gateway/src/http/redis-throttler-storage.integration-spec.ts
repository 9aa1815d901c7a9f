import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testUrls } from '@linkway/testing';
import { RedisThrottlerStorage, THROTTLE_FLUSH_MS } from './redis-throttler-storage';

describe('RedisThrottlerStorage (real Redis)', () => {
  const prefix = `test:throttle:${randomBytes(4).toString('hex')}:`;
  const replicas: RedisThrottlerStorage[] = [];
  const replica = () => {
    const made = new RedisThrottlerStorage(testUrls().redis, { keyPrefix: prefix, maxRetriesPerRequest: 1 });
    replicas.push(made);
    return made;
  };
  let storage: RedisThrottlerStorage;
  let redis: Redis;

  beforeAll(() => {
    storage = replica();
    redis = new Redis(testUrls().redis);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.onModuleDestroy()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const hit = (client: string, limit = 2, ttlMs = 60_000, blockMs = 60_000, on = storage) =>
    on.increment(client, ttlMs, limit, blockMs, 'default');
  const inRedis = async (client: string) => Number(await redis.get(`${prefix}{${client}:default}:hits`));
  const afterFlush = () => new Promise((r) => setTimeout(r, THROTTLE_FLUSH_MS * 3));
  const hits = async (n: number, client: string, limit: number, on = storage) => {
    const records = [];
    for (let i = 0; i < n; i += 1) records.push(await hit(client, limit, 60_000, 60_000, on));
    return records;
  };

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

  it('counts hits far below the limit here and adds them to Redis in the next batch', async () => {
    const records = await hits(10, 'far', 100);
    expect(records.map((r) => r.totalHits)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await inRedis('far')).toBe(1); // only the window's first hit waited for Redis
    await afterFlush();
    expect(await inRedis('far')).toBe(10);
  });

  it('shares counts between replicas', async () => {
    await hits(30, 'shared', 100);
    await afterFlush();
    const other = replica();
    expect((await hit('shared', 100, 60_000, 60_000, other)).totalHits).toBe(31);
  });

  it('holds the limit exactly near it, across replicas', async () => {
    const other = replica();
    expect((await hits(3, 'near', 4)).map((r) => r.isBlocked)).toEqual([false, false, false]);
    expect(await hit('near', 4, 60_000, 60_000, other)).toMatchObject({ totalHits: 4, isBlocked: false });
    expect((await hit('near', 4, 60_000, 60_000, other)).isBlocked).toBe(true);
    expect((await hit('near', 4)).isBlocked).toBe(true);
  });

  it('adds its unsent hits to Redis when the gateway stops', async () => {
    const stopping = replica();
    await hits(8, 'stopping', 100, stopping);
    await stopping.onModuleDestroy();
    expect(await inRedis('stopping')).toBe(8);
  });
});
