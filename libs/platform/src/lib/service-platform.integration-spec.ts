import { spawn, type ChildProcess } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import { ClientProxyFactory, type ClientProxy, Transport } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Client } from 'pg';
import { systemPingSubject, type SystemPongV1 } from '@linkway/contracts';
import { natsTransportOptions } from '@linkway/messaging';
import { messagingMigrations } from '@linkway/persistence';
import {
  createTestDatabase,
  freePort,
  type NatsServerProcess,
  startNatsServer,
  suiteTag,
  testUrls,
  type TestDatabase,
} from '@linkway/testing';
import { ServicePlatformModule } from './service-platform.module';

class CreateNotes1790000000000 implements MigrationInterface {
  name = 'CreateNotes1790000000000';
  async up(q: QueryRunner) {
    // slow on purpose: a second replica must wait on the advisory lock, not run it again
    await q.query('SELECT pg_sleep(0.5)');
    await q.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE notes');
  }
}

async function bootPlatform(schema: string, nats: NatsServerProcess): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ServicePlatformModule.forRoot({
        service: 'casework',
        schema,
        entities: [],
        migrations: [CreateNotes1790000000000],
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  try {
    app.connectMicroservice(natsTransportOptions({ NATS_URL: nats.url }, 'casework'));
    await app.startAllMicroservices();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

describe(ServicePlatformModule.name, () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];
  let nats: NatsServerProcess;
  const saved = { ...process.env };
  const hubId = `t${suiteTag('hub').replace('_', '-')}`;

  beforeAll(async () => {
    db = await createTestDatabase('platform');
    // its own NATS: sys.ping subjects are fixed by contract, so another run would answer too
    nats = await startNatsServer();
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      REDIS_URL: testUrls().redis,
      NATS_URL: nats.url,
      HUB_ID: hubId,
      LOG_LEVEL: 'error',
    });
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    process.env = saved;
    await nats.stop();
    await db.drop();
  });

  it('migrates once when two replicas start together, then reports healthy', async () => {
    const schema = suiteTag('svc');
    const [a, b] = await Promise.all([bootPlatform(schema, nats), bootPlatform(schema, nats)]);
    apps.push(a, b);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const applied = await pg.query(`SELECT name FROM "${schema}".migrations ORDER BY id`);
    await pg.end();
    // the outbox/inbox tables come with the platform, before the service's own migrations
    expect(applied.rows.map((r) => r.name)).toEqual([
      ...messagingMigrations.map((m) => m.name),
      'CreateNotes1790000000000',
    ]);

    const res = await a.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' }, nats: { status: 'up' } },
    });
  });

  it('answers sys.ping over NATS in its queue group with its hub and instance', async () => {
    // a plain Nest client: the service's own transport (natsTransportOptions) is a server strategy
    const client: ClientProxy = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [nats.url] },
    });
    try {
      const pong = await firstValueFrom(
        client.send<SystemPongV1>(systemPingSubject('casework'), { from: 'test' }),
      );
      expect(pong).toMatchObject({ service: 'casework', hubId, version: expect.any(String) });
      expect(pong.instance).toMatch(/:\d+$/);
    } finally {
      await client.close();
    }
  });

  describe('when Redis would evict keys', () => {
    let redis: ChildProcess;
    let port: number;

    beforeAll(async () => {
      port = await freePort();
      redis = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'allkeys-lru',
        ],
        { stdio: 'ignore' },
      );
      await new Promise((r) => setTimeout(r, 300));
    });

    afterAll(() => {
      redis.kill('SIGKILL');
    });

    it('refuses to start and says how to fix it', async () => {
      process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
      try {
        await expect(bootPlatform(suiteTag('evict'), nats)).rejects.toThrow(
          /maxmemory-policy is "allkeys-lru".*Set "maxmemory-policy noeviction"/,
        );
      } finally {
        process.env.REDIS_URL = testUrls().redis;
      }
    });
  });
});
