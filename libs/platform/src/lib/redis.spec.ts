import type { Redis } from 'ioredis';
import { assertNoEviction, RedisEvictionError } from './redis';

const redisReporting = (info: string) =>
  ({ info: jest.fn().mockResolvedValue(info), options: {} }) as unknown as Redis;

describe(assertNoEviction.name, () => {
  it('accepts a Redis that never evicts', async () => {
    await expect(
      assertNoEviction(redisReporting('# Memory\r\nmaxmemory_policy:noeviction\r\n')),
    ).resolves.toBeUndefined();
  });

  it.each(['allkeys-lru', 'volatile-ttl'])('refuses %s, naming the policy and the fix', async (policy) => {
    const sut = assertNoEviction(redisReporting(`maxmemory_policy:${policy}\r\n`));
    await expect(sut).rejects.toBeInstanceOf(RedisEvictionError);
    await expect(assertNoEviction(redisReporting(`maxmemory_policy:${policy}\r\n`))).rejects.toThrow(
      `Redis maxmemory-policy is "${policy}"`,
    );
  });

  it('treats an unreadable policy as unsafe', async () => {
    await expect(assertNoEviction(redisReporting('# Memory\r\n'))).rejects.toThrow(
      'maxmemory-policy is "unknown"',
    );
  });

  it('turns a Redis that does not answer into a timeout error', async () => {
    const silent = {
      info: () => new Promise(() => undefined),
      options: { host: '10.0.0.1', port: 6379 },
    } as unknown as Redis;
    await expect(assertNoEviction(silent, 20)).rejects.toThrow(
      'Redis at 10.0.0.1:6379 did not answer within 20 ms',
    );
  });
});
