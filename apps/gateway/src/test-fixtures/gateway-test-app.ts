import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, messagingNames, type TestDatabase, testUrls } from '@linkway/testing';
import { AccountsService, type AccountView } from '../accounts/accounts.service';
import { AppModule } from '../app.module';
import { configureApp, createFastifyAdapter } from '../app.setup';
import type { Role } from '../auth/roles';

/**
 * Boots the real gateway (AppModule, Fastify, real Postgres/Redis/NATS) for one integration
 * suite, with its own database and Redis prefix. Requests go through `app.inject()`.
 */
export interface GatewayHarness {
  app: NestFastifyApplication;
  db: TestDatabase;
  env: Record<string, string>;
  hubId: string;
  /** Creates an account through the real service and returns it with a fresh access token. */
  givenAccount(role: Role, overrides?: { email?: string; password?: string }): Promise<TestAccount>;
  login(email: string, password: string): Promise<string>;
  /** Starts another gateway process-instance on the same database and Redis (replicas). */
  startReplica(): Promise<NestFastifyApplication>;
  close(): Promise<void>;
}

export interface TestAccount extends AccountView {
  password: string;
  token: string;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Test-only modules mounted next to AppModule (e.g. a probe controller). */
  imports?: Array<Type<unknown> | DynamicModule>;
}

export async function startGateway(label: string, options: HarnessOptions = {}): Promise<GatewayHarness> {
  const db = await createTestDatabase(label);
  const names = messagingNames(label);
  const urls = testUrls();
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    REDIS_URL: urls.redis,
    NATS_URL: urls.nats,
    REDIS_PREFIX: names.redisPrefix,
    HUB_ID: 'hub1',
    HUB_NAME: 'Test hub 1',
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const boot = async () => {
    // config namespaces read process.env when the module compiles
    Object.assign(process.env, env);
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [AppModule, ...(options.imports ?? [])],
      }).compile();
      const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(env), {
        logger: ['error', 'fatal'],
      });
      await configureApp(app);
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      return app;
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  };
  const app = await boot().catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const replicas: NestFastifyApplication[] = [];
  let counter = 0;

  const login = async (email: string, password: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return response.json<{ accessToken: string }>().accessToken;
  };

  return {
    app,
    db,
    env,
    hubId: env.HUB_ID ?? 'hub1',
    login,
    async givenAccount(role, overrides = {}) {
      counter += 1;
      const email =
        overrides.email ?? `${role}.${counter}.${randomBytes(3).toString('hex')}@test.linkway.test`;
      const password = overrides.password ?? `pw-${randomBytes(8).toString('hex')}`;
      const { account } = await app
        .get(AccountsService)
        .ensure(
          { hubId: env.HUB_ID ?? 'hub1', email, password, role, displayName: `Test ${role} ${counter}` },
          { resetExisting: true },
        );
      return { ...account, password, token: await login(email, password) };
    },
    async startReplica() {
      const replica = await boot();
      replicas.push(replica);
      return replica;
    },
    async close() {
      for (const replica of replicas) await replica.close();
      await app.close();
      await db.drop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
