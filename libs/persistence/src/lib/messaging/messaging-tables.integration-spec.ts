import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@linkway/testing';
import { uuidv7 } from '@linkway/util';
import { openDataSource, serviceDataSourceOptions } from '../data-source';
import { runMigrationsLocked } from '../migrations';
import { InboxMessage, messagingEntities, messagingMigrations, OutboxMessage } from './index';

const open = (url: string, schema: string) =>
  openDataSource(
    serviceDataSourceOptions({ url, schema, entities: [...messagingEntities], migrations: [...messagingMigrations], applicationName: `test-${schema}` }),
  );

describe('outbox and inbox tables', () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('outboxtables');
    // two replicas of svc_a start together, and a second service shares the database
    sources.push(await open(db.url, 'svc_a'), await open(db.url, 'svc_a'), await open(db.url, 'svc_b'));
  });

  afterAll(async () => {
    for (const s of sources) await s.destroy();
    await db?.drop();
  });

  it('migrates once under the advisory lock when replicas start together', async () => {
    const [a1, a2, b] = sources;
    const applied = await Promise.all([runMigrationsLocked(a1, 'svc_a'), runMigrationsLocked(a2, 'svc_a'), runMigrationsLocked(b, 'svc_b')]);
    expect(applied.map((names) => names.length).sort()).toEqual([0, messagingMigrations.length, messagingMigrations.length]);
    const tables: { table_schema: string; table_name: string }[] = await a1.query(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_name IN ('outbox', 'inbox') ORDER BY 1, 2`,
    );
    expect(tables).toEqual([
      { table_schema: 'svc_a', table_name: 'inbox' },
      { table_schema: 'svc_a', table_name: 'outbox' },
      { table_schema: 'svc_b', table_name: 'inbox' },
      { table_schema: 'svc_b', table_name: 'outbox' },
    ]);
    const [index] = await a1.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'svc_a' AND indexname = 'outbox_unpublished_idx'`);
    expect(index.indexdef).toContain('WHERE (published_at IS NULL)');
  });

  it('leaves no NOTIFY trigger on the outbox, so outbox commits do not queue on the cluster-wide notify lock', async () => {
    const [a] = sources;
    const triggers: unknown[] = await a.query(
      `SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('svc_a', 'svc_b') AND c.relname = 'outbox' AND NOT t.tgisinternal`,
    );
    expect(triggers).toEqual([]);
    const runner = a.createQueryRunner();
    await runner.startTransaction();
    for (let i = 0; i < 3; i++) {
      await runner.query(`INSERT INTO outbox (id, subject, payload) VALUES ($1, 'evt.test.v1', '{}')`, [uuidv7()]);
    }
    await runner.commitTransaction();
    await runner.release();
  });

  it('maps the entities onto the tables through the service search_path', async () => {
    const [a] = sources;
    const rows = await a.getRepository(OutboxMessage).find({ where: { subject: 'evt.test.v1' } });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ publishedAt: null, attempts: 0, lastError: null, headers: {} });
    await a.getRepository(InboxMessage).insert({ consumer: 'c1', messageId: rows[0].id, subject: 'evt.test.v1' });
    await expect(a.getRepository(InboxMessage).insert({ consumer: 'c1', messageId: rows[0].id, subject: 'evt.test.v1' })).rejects.toThrow(/duplicate key/);
    await a.getRepository(InboxMessage).insert({ consumer: 'c2', messageId: rows[0].id, subject: 'evt.test.v1' });
  });
});
