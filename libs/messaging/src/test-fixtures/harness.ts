import type { JetStreamManager, NatsConnection } from 'nats';
import type { DataSource, EntityManager } from 'typeorm';
import {
  messagingEntities,
  messagingMigrations,
  openDataSource,
  runMigrationsLocked,
  serviceDataSourceOptions,
} from '@linkway/persistence';
import { createTestDatabase, deleteTaggedStreams, messagingNames, type TestDatabase, testUrls } from '@linkway/testing';
import { connectNats } from '../lib/nats-connection';
import { ensureHubStreams, hubStreamSpecs, type HubStreamNames, jetStreamManager } from '../lib/jetstream/jetstream-setup';

export { spawnTs, type TsChild, waitUntil } from '@linkway/testing';

/** The schema the suites' "service" owns, as a real service's would be. */
export const TEST_SCHEMA = 'svc';

/**
 * Opens a data source on the suite database exactly as a service does (own schema, pinned
 * search_path, real migrations) and adds `effects`: one row per handler run, deliberately
 * without a unique key, so a double application shows up as a count.
 */
export async function openServiceDataSource(url: string, name = 'messaging-test'): Promise<DataSource> {
  const ds = await openDataSource(
    serviceDataSourceOptions({
      url,
      schema: TEST_SCHEMA,
      entities: [...messagingEntities],
      migrations: [...messagingMigrations],
      applicationName: name,
      poolSize: 30,
    }),
  );
  await runMigrationsLocked(ds, TEST_SCHEMA);
  await ds.query(`CREATE TABLE IF NOT EXISTS effects (message_id text NOT NULL, subject text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return ds;
}

/** The handler effect every suite counts. */
export async function recordEffect(manager: EntityManager, messageId: string, subject: string): Promise<void> {
  await manager.query(`INSERT INTO effects (message_id, subject) VALUES ($1, $2)`, [messageId, subject]);
}

export async function effectCounts(ds: DataSource): Promise<{ total: number; distinct: number }> {
  const [row] = await ds.query(`SELECT count(*)::int AS total, count(DISTINCT message_id)::int AS distinct FROM effects`);
  return row;
}

export interface Suite {
  db: TestDatabase;
  ds: DataSource;
  nc: NatsConnection;
  jsm: JetStreamManager;
  names: ReturnType<typeof messagingNames>;
  streams: HubStreamNames;
  /** An event subject under the suite prefix. */
  subject(name: string): string;
  cleanup(): Promise<void>;
}

/** A database, a NATS connection and the hub streams, all named after the suite. */
export async function setUpSuite(label: string): Promise<Suite> {
  const names = messagingNames(label);
  const db = await createTestDatabase(label);
  const ds = await openServiceDataSource(db.url);
  const nc = await connectNats({ NATS_URL: testUrls().nats }, `test-${names.tag}`);
  const jsm = await jetStreamManager(nc);
  const streams = hubStreamSpecs({ prefix: names.subjectPrefix, nameSuffix: names.tag });
  await ensureHubStreams(jsm, streams);
  return {
    db,
    ds,
    nc,
    jsm,
    names,
    streams,
    subject: (name) => `${names.subjectPrefix}.evt.${name}`,
    cleanup: async () => {
      await deleteTaggedStreams(nc, names.tag).catch((e: Error) => console.warn(`stream cleanup: ${e.message}`));
      await nc.drain().catch(() => undefined);
      await ds.destroy().catch(() => undefined);
      await db.drop();
    },
  };
}

/** Env for a fixture child process that works on the same suite resources. */
export function childEnv(suite: Suite, extra: Record<string, string | number> = {}): Record<string, string> {
  const env: Record<string, string> = {
    DATABASE_URL: suite.db.url,
    NATS_URL: testUrls().nats,
    TEST_SCHEMA,
    EVENTS_STREAM: suite.streams.events.name,
    SUBJECT_PREFIX: suite.names.subjectPrefix,
  };
  for (const [k, v] of Object.entries(extra)) env[k] = String(v);
  return env;
}
