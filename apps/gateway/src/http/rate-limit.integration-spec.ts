import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { testUrls } from '@linkway/testing';
import { type GatewayHarness, startGateway } from '../test-fixtures/gateway-test-app';

const LOGIN_LIMIT = 3;

describe('gateway rate limits (integration)', () => {
  let sut: GatewayHarness;
  let redis: Redis;

  beforeAll(async () => {
    sut = await startGateway('gw-ratelimit', {
      env: { LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT), RATE_LIMIT_PER_MINUTE: '5' },
    });
    redis = new Redis(testUrls().redis);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${sut.env.REDIS_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await sut?.close();
  });

  const login = (app: NestFastifyApplication, ip = '10.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email: 'who@test.linkway.test', password: 'guess' },
    });

  it('limits logins more strictly than other routes, in the standard shape, counted in Redis', async () => {
    for (let i = 0; i < LOGIN_LIMIT; i += 1) expect((await login(sut.app)).statusCode).toBe(401);
    const limited = await login(sut.app);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many requests; try again later',
      details: [],
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const keys = await redis.keys(`${sut.env.REDIS_PREFIX}:gateway:throttle:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('shares the counters between replicas of the gateway', async () => {
    const replica = await sut.startReplica();
    expect((await login(replica)).statusCode).toBe(429);
    // another client address has its own budget
    expect((await login(replica, '10.0.0.2')).statusCode).toBe(401);
  });

  it('applies the general limit to every other route', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await sut.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        remoteAddress: '10.0.0.3',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
