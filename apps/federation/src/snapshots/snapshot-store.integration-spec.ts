import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { openDataSource, runMigrationsLocked, serviceDataSourceOptions } from '@linkway/persistence';
import { createTestDatabase, type TestDatabase } from '@linkway/testing';
import { entities, migrations, SCHEMA } from '../database';
import { snapshotFactory } from '../test-fixtures/snapshot.factory';
import { SnapshotStore } from './snapshot-store';

const referrals = (received: number) => ({
  bySource: [],
  byNeed: [],
  received,
  accepted: 0,
  declined: 0,
  signposted: 0,
});

/** Any arrival order, with duplicates, against the real schema: the newest version of each period wins. */
describe(SnapshotStore.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const sut = new SnapshotStore();

  beforeAll(async () => {
    db = await createTestDatabase('fedstore');
    ds = await openDataSource(
      serviceDataSourceOptions({
        url: db.url,
        schema: SCHEMA,
        entities,
        migrations,
        applicationName: 'fedstore-test',
        poolSize: 2,
      }),
    );
    await runMigrationsLocked(ds, SCHEMA);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('stores, per (hub, period), the highest version whatever the order and repetition of arrival', async () => {
    const published = fc.array(
      fc.record({
        hub: fc.constantFrom('hub1', 'hub2'),
        month: fc.integer({ min: 1, max: 3 }),
        version: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(published, fc.func(fc.integer()), async (list, order) => {
        await ds.query(`TRUNCATE hub_snapshot, hub`);
        // a snapshot's content is a function of its key, as a hub's rebuild of one version is
        const snapshots = list.map((p) =>
          snapshotFactory({
            hubId: p.hub,
            month: p.month,
            version: p.version,
            referrals: referrals(p.month * 100 + p.version),
          }),
        );
        const arrival = [...snapshots, ...snapshots.slice(0, 3)]
          .map((s, i) => ({ s, k: order(i) }))
          .sort((a, b) => a.k - b.k);
        for (const { s } of arrival) await ds.transaction((m) => sut.apply(m, s));
        const expected = new Map<string, number>();
        for (const p of list)
          expected.set(`${p.hub}:${p.month}`, Math.max(expected.get(`${p.hub}:${p.month}`) ?? 0, p.version));
        const rows: { hub_id: string; period_key: string; version: number; received: number }[] =
          await ds.query(
            `SELECT hub_id, period_key, version, (payload->'referrals'->>'received')::int AS received FROM hub_snapshot`,
          );
        expect(rows).toHaveLength(expected.size);
        for (const r of rows) {
          const month = Number(r.period_key.slice(5));
          expect(r.version).toBe(expected.get(`${r.hub_id}:${month}`));
          expect(r.received).toBe(month * 100 + r.version);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('moves a hub’s last snapshot time forward only', async () => {
    await ds.query(`TRUNCATE hub_snapshot, hub`);
    await ds.transaction((m) =>
      sut.apply(m, snapshotFactory({ hubId: 'hub1', month: 2, builtAt: '2026-11-20T10:00:00.000Z' })),
    );
    await ds.transaction((m) =>
      sut.apply(m, snapshotFactory({ hubId: 'hub1', month: 1, builtAt: '2026-10-01T10:00:00.000Z' })),
    );
    const [hub] = await ds.query(`SELECT last_snapshot_at FROM hub WHERE id = 'hub1'`);
    expect(new Date(hub.last_snapshot_at).toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });
});
