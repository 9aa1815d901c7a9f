import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** URLs the test run was given (tools/test.js exports them), else the local defaults. */
export const testUrls = () => ({
  database: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/linkway_test',
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  nats: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
});

/** A short random tag that names everything one suite creates, so suites never collide. */
export const suiteTag = (label: string) =>
  `${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;

export interface TestDatabase {
  /** URL of the isolated database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per suite on the test Postgres server: real migrations run into it, and
 * dropping it afterwards leaves nothing behind. Cheaper than a cluster, safer than a schema
 * when the code under test owns several schemas.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `lw_${suiteTag(label)}`;
  const server = new URL(testUrls().database);
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString(), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: server.toString(), connectionTimeoutMillis: 5_000 });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Names for one suite's NATS and Redis resources. */
export function messagingNames(label: string) {
  const tag = suiteTag(label);
  return {
    tag,
    /** Prefix every subject of the suite with this, so streams' subject filters never overlap. */
    subjectPrefix: `t_${tag}`,
    streamName: (base: string) => `${base}_${tag}`.toUpperCase(),
    consumerName: (base: string) => `${base}_${tag}`,
    redisPrefix: `test:${tag}`,
  };
}
