import fc from 'fast-check';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  messagingMigrations,
  openDataSource,
  runMigrationsLocked,
  serviceDataSourceOptions,
} from '@linkway/persistence';
import { createTestDatabase, type TestDatabase, waitUntil } from '@linkway/testing';
import { migrations, SCHEMA } from '../database';
import { OrukService } from '../oruk/oruk.service';
import { PostcodeService } from '../postcodes/postcode.service';
import { DirectoryService } from './directory.service';
import { type IndexFilter, type IndexHit, type OrukServicesFilter, SearchIndex } from './search-index';
import { TaxonomyTree } from './search.service';
import { filterInSql } from './search-sql';

const TERMS = ['t-arts', 't-walking', 't-debt', 't-befriend', 't-carers', 't-digital'];
const LEEDS = { latitude: 53.8, longitude: -1.55 };
const APP = 'search-index-test';

/** Deterministic pseudo-random numbers, so a failure reproduces (mulberry32). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 400 services around Leeds: some inactive, mixed age bands, 0–3 venues (some not geocoded), 0–2 needs. */
async function seed(db: Client) {
  const random = prng(42);
  await db.query(
    `INSERT INTO organizations (id, name, description) VALUES ('org', 'Org', 'test'), ('org2', 'Org 2', 'test')`,
  );
  // names that collate differently by case, accents and punctuation: ORUK lists in Postgres's order
  const NAMES = [
    'Arts club',
    'arts Club',
    'Éclair bakes',
    'eclair bakes',
    'Walk-and-talk',
    'Walk and talk',
    'zumba',
  ];
  await db.query(
    `INSERT INTO taxonomy_terms (id, name, description) SELECT t, t, 'test' FROM unnest($1::text[]) t`,
    [TERMS],
  );
  for (let i = 0; i < 400; i += 1) {
    const id = `s${i}`;
    const min = random() < 0.3 ? Math.floor(random() * 70) : null;
    const max = random() < 0.3 ? (min ?? 0) + Math.floor(random() * 40) : null;
    await db.query(
      `INSERT INTO services (id, organization_id, name, description, status, minimum_age, maximum_age,
         accepting, max_new_per_week, last_verified_at, contacts)
       VALUES ($1, $9, $10, 'test', $2, $3, $4, $5, $6, now() - $7 * interval '1 day', $8)`,
      [
        id,
        random() < 0.9 ? 'active' : 'inactive',
        min,
        max,
        random() < 0.8 ? 'yes' : 'paused',
        random() < 0.5 ? 1 + Math.floor(random() * 4) : null,
        Math.floor(random() * 400),
        JSON.stringify(random() < 0.5 ? [{ name: `Contact ${i}`, email: `c${i}@example.org` }] : []),
        i % 3 === 0 ? 'org2' : 'org',
        NAMES[Math.floor(random() * NAMES.length)],
      ],
    );
    // open, released and old reservations: capacity comes from them at read time
    for (let r = 0; r < Math.floor(random() * 4); r += 1)
      await db.query(
        `INSERT INTO capacity_reservations (id, service_id, idempotency_key, reserved_at, released_at)
         VALUES (gen_random_uuid(), $1, gen_random_uuid()::text, now() - $2 * interval '1 day', $3)`,
        [id, Math.floor(random() * 14), random() < 0.3 ? new Date() : null],
      );
    for (const term of TERMS.filter(() => random() < 0.25))
      await db.query(`INSERT INTO attributes (id, link_id, taxonomy_term_id) VALUES ($1, $2, $3)`, [
        `${id}-${term}`,
        id,
        term,
      ]);
    for (let v = 0; v < Math.floor(random() * 4); v += 1) {
      const geocoded = random() < 0.9;
      await db.query(`INSERT INTO locations (id, latitude, longitude) VALUES ($1, $2, $3)`, [
        `${id}-l${v}`,
        geocoded ? LEEDS.latitude + (random() - 0.5) * 0.3 : null,
        geocoded ? LEEDS.longitude + (random() - 0.5) * 0.5 : null,
      ]);
      await db.query(`INSERT INTO service_at_locations (id, service_id, location_id) VALUES ($1, $2, $3)`, [
        `${id}-sal${v}`,
        id,
        `${id}-l${v}`,
      ]);
    }
  }
}

/** What the index answers; a test fails if it gave up and left the search to SQL. */
const defined = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`the index gave up on ${what}`);
  return value;
};

/** Filters as people give them: a few needs (one unknown), a point in the area and a radius. */
const termsArb = fc.subarray([...TERMS, 't-unknown'], { maxLength: 3 });
const nearArb = fc.option(
  fc.record({
    origin: fc.record({
      latitude: fc.double({ min: 53.7, max: 53.9, noNaN: true }),
      longitude: fc.double({ min: -1.75, max: -1.35, noNaN: true }),
    }),
    radiusKm: fc.double({ min: 0.5, max: 15, noNaN: true }),
  }),
  { nil: undefined },
);

const byId = (hits: IndexHit[]) =>
  [...hits]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((h) => ({
      id: h.id,
      location_id: h.location_id,
      distance_km: h.distance_km == null ? null : Math.round(h.distance_km * 1e6) / 1e6,
    }));

describe(SearchIndex.name, () => {
  let database: TestDatabase;
  let ds: DataSource;
  let writer: Client;
  let sut: SearchIndex;

  const newService = async (id: string, options: { announce: boolean }) => {
    // session_replication_role = replica skips triggers: a write Postgres does not announce
    if (!options.announce) await writer.query(`SET session_replication_role = replica`);
    try {
      await writer.query(
        `INSERT INTO services (id, organization_id, name, description, status) VALUES ($1, 'org', $1, 'test', 'active')`,
        [id],
      );
      await writer.query(
        `INSERT INTO attributes (id, link_id, taxonomy_term_id) VALUES ($1, $1, 't-digital')`,
        [id],
      );
    } finally {
      await writer.query(`SET session_replication_role = DEFAULT`);
    }
  };
  const found = async (filter: IndexFilter) => defined(await sut.find(filter), 'a search');
  const orukPage = async (oruk: OrukService, filter: OrukServicesFilter, page: number, perPage: number) =>
    defined(await oruk.pageFromIndex(filter, page, perPage), 'an ORUK listing');
  /** The services that read the index, wired as the module wires them. */
  const services = () => {
    const settings = { staleAfterDays: 180, postcodesFile: '' };
    const postcodes = new PostcodeService(ds, settings);
    const directory = new DirectoryService(ds, postcodes, settings, sut);
    return { directory, oruk: new OrukService(ds, directory, postcodes, new TaxonomyTree(ds), sut) };
  };
  /** An open reservation made now, announced by the row trigger or (replica role) not. */
  const reserve = async (serviceId: string, options: { announce: boolean }) => {
    if (!options.announce) await writer.query(`SET session_replication_role = replica`);
    try {
      await writer.query(
        `INSERT INTO capacity_reservations (id, service_id, idempotency_key) VALUES (gen_random_uuid(), $1, gen_random_uuid()::text)`,
        [serviceId],
      );
    } finally {
      await writer.query(`SET session_replication_role = DEFAULT`);
    }
  };
  const openOf = async (serviceId: string) =>
    (await found({ termIds: ['t-digital'], limit: 10_000 })).find((h) => h.id === serviceId)?.capacity.open;
  const digitalIds = async () => (await found({ termIds: ['t-digital'], limit: 10_000 })).map((h) => h.id);

  beforeAll(async () => {
    database = await createTestDatabase('dir-index');
    ds = await openDataSource(
      serviceDataSourceOptions({
        url: database.url,
        schema: SCHEMA,
        entities: [],
        migrations: [...messagingMigrations, ...migrations],
        applicationName: APP,
        poolSize: 4,
      }),
    );
    await runMigrationsLocked(ds, SCHEMA);
    writer = new Client({ connectionString: database.url, options: `-c search_path=${SCHEMA}` });
    await writer.connect();
    await seed(writer);
    sut = new SearchIndex(ds);
    await sut.onApplicationBootstrap();
  });

  afterAll(async () => {
    await sut?.onApplicationShutdown();
    await writer?.end();
    await ds?.destroy();
    await database?.drop();
  });

  it('finds exactly what the SQL filter finds, for any need, age and distance', async () => {
    expect(sut.ready).toBe(true);
    const filters = fc.record(
      {
        termIds: termsArb,
        age: fc.option(fc.integer({ min: 0, max: 110 }), { nil: undefined }),
        near: nearArb,
      },
      { requiredKeys: ['termIds'] },
    );
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(filters, async (f) => {
        const filter: IndexFilter = { ...f, limit: 10_000 };
        const fromIndex = byId(await found(filter));
        if (fromIndex.length) nonEmpty += 1;
        expect(fromIndex).toEqual(byId(await filterInSql(ds, filter)));
      }),
      { numRuns: 300 },
    );
    // the comparison meant something: most filters matched services
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it("makes each hit's staff view exactly as the directory makes it from SQL", async () => {
    const { directory } = services();
    const hits = await found({ termIds: [], limit: 10_000 });
    expect(hits.length).toBeGreaterThan(300);
    // reservations in and out of the week's window, some released
    expect(hits.some((h) => h.capacity.thisWeek > 0 && h.capacity.open > h.capacity.thisWeek)).toBe(true);
    const now = new Date();
    const fromIndex = hits.map((h) => directory.indexedView(h.row, h.capacity, now));
    expect(fromIndex).toEqual(await directory.views(hits.map((h) => h.id)));
    expect(fromIndex.some((v) => v.stale) && fromIndex.some((v) => !v.capacity.available)).toBe(true);
  });

  it("keeps a hit's view and its JSON while nothing in it changes, and makes it again when capacity does", async () => {
    const { directory } = services();
    const [first] = await found({ termIds: ['t-digital'], limit: 1 });
    const view = directory.indexedView(first.row, first.capacity, new Date());
    expect(directory.indexedView(first.row, first.capacity, new Date())).toBe(view);
    expect(directory.viewJson(view)).toBe(JSON.stringify(view));
    expect(Object.isFrozen(view.capacity)).toBe(true);

    await reserve(first.id, { announce: true });
    await waitUntil(async () => (await openOf(first.id)) === first.capacity.open + 1);
    const again = defined(
      (await found({ termIds: ['t-digital'], limit: 10_000 })).find((h) => h.id === first.id),
      'the reserved service',
    );
    const changed = directory.indexedView(again.row, again.capacity, new Date());
    expect(changed).not.toBe(view);
    expect(changed.capacity.openReferrals).toBe(view.capacity.openReferrals + 1);
    expect(directory.viewJson(changed)).toBe(JSON.stringify(changed));
  });

  it('lists ORUK services exactly as the SQL listing does, in its order, any status', async () => {
    const { oruk } = services();
    const filters = fc.record(
      {
        termIds: termsArb,
        organizationId: fc.option(fc.constantFrom('org', 'org2', 'nobody'), { nil: undefined }),
        minimumAge: fc.option(fc.integer({ min: 0, max: 110 }), { nil: undefined }),
        maximumAge: fc.option(fc.integer({ min: 0, max: 110 }), { nil: undefined }),
        near: nearArb,
      },
      { requiredKeys: ['termIds'] },
    );
    let long = 0;
    await fc.assert(
      fc.asyncProperty(filters, fc.integer({ min: 1, max: 3 }), async (filter, page) => {
        const fromIndex = await orukPage(oruk, filter, page, 25);
        const fromSql = await oruk.pageFromSql(filter, page, 25);
        if (fromIndex.total > 25) long += 1;
        expect({ ids: fromIndex.ids, total: fromIndex.total }).toEqual(fromSql);
      }),
      { numRuns: 150 },
    );
    expect(long).toBeGreaterThan(30);
    // inactive services are listed too
    const all = await orukPage(oruk, { termIds: [] }, 1, 10_000);
    expect(all.total).toBe((await writer.query(`SELECT count(*)::int AS n FROM services`)).rows[0].n);
  });

  it('lists a service under its new name once Postgres announces the rename', async () => {
    const { oruk } = services();
    const firstName = async () =>
      ((await oruk.services({ per_page: '1' })) as { contents: Array<{ id: string; name: string }> })
        .contents[0];
    expect((await firstName())?.name).not.toBe('Aardvark allotments');
    await writer.query(`UPDATE services SET name = 'Aardvark allotments' WHERE id = 's1'`);
    await waitUntil(
      async () => (await firstName())?.id === 's1' && (await firstName())?.name === 'Aardvark allotments',
      {
        timeoutMs: 5_000,
        what: 'the ORUK listing to show the renamed service first',
      },
    );
  });

  it('gives the search to SQL rather than rebuild for ever while changes keep coming', async () => {
    // every query the index makes is overtaken by a change, as during a bulk import
    let builds = 0;
    const busy: SearchIndex = new SearchIndex(
      new Proxy(ds, {
        get: (target, key) =>
          key === 'query'
            ? (...args: Parameters<DataSource['query']>) => {
                builds += 1;
                busy.invalidate();
                return target.query(...args);
              }
            : Reflect.get(target, key),
      }),
    );
    expect(await busy.find({ termIds: [], limit: 10 })).toBeUndefined();
    expect(await busy.findForOruk({ termIds: [] })).toBeUndefined();
    expect(builds).toBe(4);
  });

  it('stops at the limit', async () => {
    expect(await found({ termIds: [], limit: 7 })).toHaveLength(7);
  });

  it('sees a change another writer committed once Postgres announces it', async () => {
    await newService('announced', { announce: true });
    await waitUntil(async () => (await digitalIds()).includes('announced'), {
      timeoutMs: 5_000,
      what: 'the index to see a service inserted by another connection',
    });
  });

  it('answers from its snapshot until told of a change (the service tells it after its own commits)', async () => {
    await digitalIds();
    await newService('unannounced', { announce: false });
    expect(await digitalIds()).not.toContain('unannounced');
    sut.invalidate();
    expect(await digitalIds()).toContain('unannounced');
  });

  it('counts a reservation another writer committed once Postgres announces it', async () => {
    const before = await openOf('announced');
    expect(before).toBe(0);
    await reserve('announced', { announce: true });
    await waitUntil(async () => (await openOf('announced')) === 1, {
      timeoutMs: 5_000,
      what: 'the index to count a reservation made by another connection',
    });
  });

  it('counts its own reservation at once when told which service changed', async () => {
    expect(await openOf('announced')).toBe(1);
    await reserve('announced', { announce: false });
    expect(await openOf('announced')).toBe(1);
    sut.capacityChanged('announced');
    expect(await openOf('announced')).toBe(2);
  });

  it('is not trusted while its listener is disconnected, and rebuilds once it listens again', async () => {
    await digitalIds();
    await newService('while-deaf', { announce: false });
    const reservedBefore = await openOf('announced');
    await reserve('announced', { announce: false });
    let seenDown = false;
    const watch = setInterval(() => (seenDown ||= !sut.ready), 2);
    try {
      const { rows } = await writer.query(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1`,
        [`${APP}-listen`],
      );
      expect(rows).toEqual([{ killed: true }]);
      await waitUntil(() => seenDown && sut.ready, {
        timeoutMs: 10_000,
        what: 'the listener to drop and come back',
      });
    } finally {
      clearInterval(watch);
    }
    // nothing announced them: the reconnect itself counts as "anything may have changed"
    expect(await digitalIds()).toContain('while-deaf');
    expect(await openOf('announced')).toBe((reservedBefore ?? 0) + 1);
  });
});
