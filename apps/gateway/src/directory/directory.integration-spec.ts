import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
import {
  DIRECTORY_CAPACITY_RELEASE_V1,
  DIRECTORY_CAPACITY_RESERVE_V1,
  DIRECTORY_SERVICE_GET_V1,
  type DirectoryCapacityReservationV1,
  type DirectorySearchResultV1,
  type DirectoryServiceViewV1,
} from '@linkway/contracts';
import { orukProblems } from '@linkway/domain';
import { RemoteError, RequestClient } from '@linkway/messaging';
import {
  freePort,
  type NatsServerProcess,
  spawnTs,
  startNatsServer,
  type TsChild,
  testUrls,
} from '@linkway/testing';
import {
  bearer,
  type GatewayHarness,
  startGateway,
  type TestAccount,
} from '../test-fixtures/gateway-test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const DEMO_FEED = 'apps/partner-directory/src/data/demo-feed-hub1.json';
/** In the demo feed for hub1 (Leeds): see apps/partner-directory/src/data. */
const LEEDS_POSTCODE = 'LS1 4NE';

type Page<T = Record<string, unknown>> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

/** Every key anywhere in a JSON value. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)])
      : [];

/**
 * The real gateway and the real partner-directory service (a child process) on a private
 * nats-server: directory subjects are fixed by contract, so a shared NATS would let another
 * test run answer. Both use the suite's database, each in its own schema, as in a hub.
 */
describe('directory through the gateway (integration)', () => {
  let nats: NatsServerProcess;
  let sut: GatewayHarness;
  let directory: TsChild;
  let nc: NatsConnection;
  let requests: RequestClient;
  let manager: TestAccount;
  let worker: TestAccount;

  beforeAll(async () => {
    nats = await startNatsServer();
    sut = await startGateway('gw-directory', { env: { NATS_URL: nats.url } });
    directory = await spawnTs('apps/partner-directory/src/main.ts', {
      env: {
        DATABASE_URL: sut.db.url,
        NATS_URL: nats.url,
        REDIS_URL: testUrls().redis,
        HUB_ID: 'hub1',
        PORT: String(await freePort()),
        LOG_LEVEL: 'log',
        LOG_FORMAT: 'json',
        DIRECTORY_STALE_AFTER_DAYS: '90',
      },
      readyLine: /service started/,
      readyTimeoutMs: 30_000,
    });
    await run(
      process.execPath,
      [
        '-r',
        './tools/register.js',
        'apps/partner-directory/src/cli.ts',
        'import',
        DEMO_FEED,
        '--hub',
        'hub1',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: sut.db.url, LOG_LEVEL: 'error' },
        timeout: 60_000,
      },
    );
    nc = await connect({ servers: nats.url, name: 'gw-directory-test' });
    requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 10_000 });
    manager = await sut.givenAccount('hub_manager');
    worker = await sut.givenAccount('link_worker');
  }, 90_000);

  afterAll(async () => {
    await nc?.drain();
    await directory?.stop();
    await sut?.close();
    await nats?.stop();
  });

  const get = (url: string, token?: string) =>
    sut.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });

  const search = async (query: string) => {
    const response = await get(`/api/v1/directory/search?${query}`, worker.token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    return response.json<DirectorySearchResultV1>();
  };

  describe('ORUK read API', () => {
    it('answers / with version and profile, keyless, to any origin', async () => {
      const response = await get('/oruk/');
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.json()).toMatchObject({ version: '3.0', profile: expect.any(String) });
    });

    it('conforms: page envelope, required fields, no nulls, public fields only', async () => {
      const response = await get('/oruk/services?per_page=100');
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      // forwarded as the directory's JSON text, still labelled as JSON
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const page = response.json<Page>();
      expect(Object.keys(page).sort()).toEqual(
        [
          'contents',
          'empty',
          'first_page',
          'last_page',
          'page_number',
          'size',
          'total_items',
          'total_pages',
        ].sort(),
      );
      expect(page).toMatchObject({
        total_items: 13,
        total_pages: 1,
        page_number: 1,
        size: 13,
        first_page: true,
        last_page: true,
        empty: false,
      });
      for (const service of page.contents) expect(orukProblems('service', service)).toEqual([]);
      expect(response.body).not.toContain('null');
      const keys = new Set(keysOf(page.contents));
      for (const privateKey of [
        'x_linkway',
        'referral',
        'capacity',
        'accepting',
        'partnership',
        'mouInPlace',
        'lastVerifiedAt',
      ])
        expect(keys.has(privateKey)).toBe(false);
      expect(response.body).not.toContain('Referrals coordinator');
    });

    it('serves one service fully nested, and 404 in the standard shape (still any origin)', async () => {
      const [first] = (await get('/oruk/services?search=walking%20football')).json<Page>().contents;
      const response = await get(`/oruk/services/${String(first?.['id'])}`);
      expect(response.statusCode).toBe(200);
      const service = response.json();
      expect(orukProblems('service', service)).toEqual([]);
      expect(service.organization.name).toEqual(expect.any(String));
      expect(service.service_at_locations[0].location.latitude).toEqual(expect.any(Number));
      expect(service.attributes[0].taxonomy_term.id).toBe('lw-walking-football');
      const missing = await get('/oruk/services/no-such-service');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['access-control-allow-origin']).toBe('*');
      expect(missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('filters by taxonomy term (children included), age, postcode + proximity, organization, modified_after', async () => {
      const names = async (query: string) =>
        (await get(`/oruk/services?${query}`)).json<Page>().contents.map((s) => s['name'] as string);
      expect(await names('taxonomy_term_id=lw-physical-activity')).toEqual([
        'Led health walks (Leeds)',
        'Walking football for over 50s (Leeds)',
      ]);
      expect(await names('taxonomy_term_id=lw-walking-football&maximum_age=40')).toEqual([]);
      expect(await names('taxonomy_term_id=lw-walking-football&minimum_age=70')).toEqual([
        'Walking football for over 50s (Leeds)',
      ]);
      const near = await names(`postcode=${encodeURIComponent(LEEDS_POSTCODE)}&proximity=1500`);
      const wide = await names(`postcode=${encodeURIComponent(LEEDS_POSTCODE)}&proximity=20000`);
      expect(near.length).toBeGreaterThan(0);
      expect(near.length).toBeLessThan(wide.length);
      expect(wide).toHaveLength(13);
      expect(await names('taxonomy_id=linkway-activities')).toHaveLength(13);
      expect(await names('modified_after=2999-01-01T00:00:00Z')).toEqual([]);
      const [first] = (await get('/oruk/services?per_page=1')).json<Page>().contents;
      const byOrg = (
        await get(`/oruk/services?organization_id=${String(first?.['organization_id'])}`)
      ).json<Page>();
      expect(byOrg.contents.every((s) => s['organization_id'] === first?.['organization_id'])).toBe(true);
      expect(byOrg.total_items).toBeLessThan(13);
    });

    it('pages with page and per_page, and refuses bad numbers with 400', async () => {
      const page = (await get('/oruk/services?per_page=5&page=3')).json<Page>();
      expect(page).toMatchObject({
        total_items: 13,
        total_pages: 3,
        page_number: 3,
        size: 3,
        first_page: false,
        last_page: true,
      });
      const bad = await get('/oruk/services?per_page=1000&minimum_age=old');
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['minimum_age', 'per_page']);
    });

    it('lists and reads service_at_locations, taxonomies and taxonomy_terms', async () => {
      const sals = (await get('/oruk/service_at_locations')).json<Page>();
      expect(sals.total_items).toBe(13);
      for (const sal of sals.contents) expect(orukProblems('service_at_location', sal)).toEqual([]);
      const one = await get(`/oruk/service_at_locations/${String(sals.contents[0]?.['id'])}`);
      expect(one.json()).toEqual(sals.contents[0]);
      const taxonomies = (await get('/oruk/taxonomies')).json<Page>();
      expect(taxonomies.contents.map((t) => t['id'])).toEqual(['linkway-activities']);
      expect((await get('/oruk/taxonomies/linkway-activities')).json()).toMatchObject({
        name: expect.any(String),
      });
      const terms = (
        await get('/oruk/taxonomy_terms?taxonomy_id=linkway-activities&per_page=100')
      ).json<Page>();
      expect(terms.total_items).toBe(18);
      for (const term of terms.contents) expect(orukProblems('taxonomy_term', term)).toEqual([]);
      const child = (await get('/oruk/taxonomy_terms/lw-walking-football')).json();
      expect(child).toMatchObject({ parent_id: 'lw-physical-activity', taxonomy_id: 'linkway-activities' });
    });
  });

  describe('directory API for hub staff', () => {
    it('needs a token and a staff role', async () => {
      expect((await get('/api/v1/directory/search')).statusCode).toBe(401);
      const referrer = await sut.givenAccount('referrer');
      expect((await get('/api/v1/directory/search', referrer.token)).statusCode).toBe(403);
    });

    it('ranks services for a need by availability and distance, with eligibility by age', async () => {
      const result = await search(
        `taxonomyTermId=lw-physical-activity&postcode=${encodeURIComponent(LEEDS_POSTCODE)}&radiusKm=20&age=55`,
      );
      expect(result.origin).toMatchObject({ resolution: 'postcode', postcode: LEEDS_POSTCODE });
      expect(result.items.map((i) => i.service.name)).toEqual(
        [...result.items]
          .sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0))
          .map((i) => i.service.name),
      );
      expect(result.items.every((i) => i.eligible && i.distanceKm !== undefined)).toBe(true);
      const young = await search('taxonomyTermId=lw-walking-football&age=30');
      expect(young.items).toEqual([]);
      const unavailableLast = await search('text=group&perPage=100');
      const available = unavailableLast.items.map((i) => i.service.capacity.available);
      expect(available).toEqual([...available].sort((a, b) => Number(b) - Number(a)));
    });

    it('answers a postcode it has resolved before from memory, without the lookup table', async () => {
      await search(`postcode=${encodeURIComponent(LEEDS_POSTCODE)}&radiusKm=5`);
      const db = new Client({ connectionString: sut.db.url });
      await db.connect();
      try {
        const { rows } = await db.query(`DELETE FROM partner_directory.postcodes WHERE pcds = $1 RETURNING *`, [
          LEEDS_POSTCODE,
        ]);
        expect(rows).toHaveLength(1);
        try {
          const again = await search(`postcode=${encodeURIComponent(LEEDS_POSTCODE)}&radiusKm=5`);
          expect(again.origin).toMatchObject({ resolution: 'postcode', latitude: rows[0].latitude });
        } finally {
          await db.query(
            `INSERT INTO partner_directory.postcodes (pcds, outward, latitude, longitude) VALUES ($1, $2, $3, $4)`,
            [rows[0].pcds, rows[0].outward, rows[0].latitude, rows[0].longitude],
          );
        }
      } finally {
        await db.end();
      }
    });

    it('falls back to the outward-code centroid for an unknown postcode and reports it', async () => {
      const result = await search(`postcode=LS1%209ZZ&radiusKm=10`);
      expect(result.origin).toMatchObject({ resolution: 'outward_centroid', postcode: 'LS1 9ZZ' });
      const db = new Client({ connectionString: sut.db.url });
      await db.connect();
      try {
        const { rows } = await db.query(
          `SELECT resolution FROM partner_directory.postcode_misses WHERE postcode = 'LS1 9ZZ'`,
        );
        expect(rows).toEqual([{ resolution: 'outward_centroid' }]);
      } finally {
        await db.end();
      }
      const unknown = await get('/api/v1/directory/search?postcode=ZZ99%209ZZ', worker.token);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().details).toEqual([
        { field: 'postcode', reason: expect.stringContaining('not a known') },
      ]);
    });

    it('lets hub managers create, change and delete services, validated and audited; link workers only read', async () => {
      const org = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/directory/organizations',
        headers: bearer(manager.token),
        payload: { name: 'Test Shed Trust', description: 'A men’s shed' },
      });
      expect(org.statusCode).toBe(201);
      const organizationId = org.json().id as string;
      const body = {
        organizationId,
        name: 'Community shed',
        status: 'active',
        minimumAge: 18,
        taxonomyTermIds: ['lw-volunteering'],
        locations: [{ name: 'The shed', postcode: (await firstPostcode('LS6')).toLowerCase() }],
        referral: {
          route: 'email',
          details: 'shed@example.org',
          contacts: [{ name: 'Alex Morgan', role: 'Shed lead', email: 'alex@example.org' }],
        },
        partnership: { mouInPlace: true, reviewDate: '2027-01-31' },
        capacity: { accepting: 'yes', maxNewPerWeek: 3, waitingTimeDays: 7 },
        lastVerifiedAt: new Date().toISOString(),
      };
      const refused = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/directory/services',
        headers: bearer(worker.token),
        payload: body,
      });
      expect(refused.statusCode).toBe(403);
      const invalid = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/directory/services',
        headers: bearer(manager.token),
        payload: { ...body, status: 'open', capacity: { accepting: 'maybe' }, surprise: 1 },
      });
      expect(invalid.statusCode).toBe(400);
      expect(
        invalid
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['capacity.accepting', 'status', 'surprise']);
      const created = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/directory/services',
        headers: bearer(manager.token),
        payload: body,
      });
      expect(created.statusCode).toBe(201);
      const service = created.json<DirectoryServiceViewV1>();
      expect(service).toMatchObject({
        name: 'Community shed',
        stale: false,
        referral: { route: 'email', contacts: [{ name: 'Alex Morgan' }] },
        capacity: { accepting: 'yes', maxNewPerWeek: 3, placesLeft: 3, available: true, openReferrals: 0 },
      });
      expect(service.locations[0]?.latitude).toEqual(expect.any(Number));

      const patched = await sut.app.inject({
        method: 'PATCH',
        url: `/api/v1/directory/services/${service.id}`,
        headers: bearer(manager.token),
        payload: { capacity: { accepting: 'paused' } },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().capacity).toMatchObject({ accepting: 'paused', available: false, placesLeft: 0 });
      expect(patched.json().name).toBe('Community shed');

      const read = await get(`/api/v1/directory/services/${service.id}`, worker.token);
      expect(read.statusCode).toBe(200);
      expect(read.json().referral.contacts[0].name).toBe('Alex Morgan');

      const removed = await sut.app.inject({
        method: 'DELETE',
        url: `/api/v1/directory/services/${service.id}`,
        headers: bearer(manager.token),
      });
      expect(removed.statusCode).toBe(204);
      expect((await get(`/api/v1/directory/services/${service.id}`, worker.token)).statusCode).toBe(404);

      const audit = await get(`/api/v1/audit?entityId=${service.id}&perPage=50`, manager.token);
      expect(
        audit
          .json()
          .items.map((a: { action: string }) => a.action)
          .sort(),
      ).toEqual([
        'directory.service.create',
        'directory.service.delete',
        'directory.service.read',
        'directory.service.update',
      ]);
    });

    it('flags entries not verified within DIRECTORY_STALE_AFTER_DAYS', async () => {
      const result = await search('perPage=100');
      const stale = result.items.filter((i) => i.service.stale).map((i) => i.service.lastVerifiedAt);
      expect(stale.length).toBeGreaterThan(0);
      expect(stale.every((at) => at === '2025-09-01T00:00:00.000Z')).toBe(true);
    });

    it('reports needs searched for that no service can take now', async () => {
      await search('taxonomyTermId=lw-bereavement'); // the demo bereavement group is not accepting
      await search('taxonomyTermId=lw-walking-football');
      const response = await get('/api/v1/directory/gaps?days=7', worker.token);
      expect(response.statusCode).toBe(200);
      const { gaps } = response.json<{
        gaps: Array<{ taxonomyTermId: string; searches: number; activeServices: number }>;
      }>();
      expect(gaps.find((g) => g.taxonomyTermId === 'lw-bereavement')).toMatchObject({
        searches: 1,
        activeServices: 1,
      });
      expect(gaps.find((g) => g.taxonomyTermId === 'lw-walking-football')).toBeUndefined();
    });
  });

  describe('capacity for casework (request/reply)', () => {
    const serviceWithCapacity = async (maxNewPerWeek: number) => {
      const org = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/directory/organizations',
        headers: bearer(manager.token),
        payload: { name: `Capacity org ${maxNewPerWeek}`, description: 'test' },
      });
      const created = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/directory/services',
        headers: bearer(manager.token),
        payload: {
          organizationId: org.json().id,
          name: `Limited ${maxNewPerWeek}`,
          status: 'active',
          capacity: { accepting: 'yes', maxNewPerWeek },
        },
      });
      return created.json<DirectoryServiceViewV1>().id;
    };
    const reserve = (serviceId: string, idempotencyKey: string) =>
      requests.request(DIRECTORY_CAPACITY_RESERVE_V1, { serviceId, idempotencyKey });

    it('never overbooks: 50 concurrent reservations against capacity 10 get exactly 10', async () => {
      const serviceId = await serviceWithCapacity(10);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => reserve(serviceId, `onward-${serviceId}-${i}`)),
      );
      const granted = results.filter(
        (r): r is PromiseFulfilledResult<DirectoryCapacityReservationV1> => r.status === 'fulfilled',
      );
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(granted).toHaveLength(10);
      expect(refused).toHaveLength(40);
      expect(refused.every((r) => r.reason instanceof RemoteError && r.reason.code === 'CONFLICT')).toBe(
        true,
      );
      const view = await requests.request(DIRECTORY_SERVICE_GET_V1, { serviceId });
      expect(view.capacity).toMatchObject({
        reservedThisWeek: 10,
        openReferrals: 10,
        placesLeft: 0,
        available: false,
      });
    });

    it('answers a retried reserve with the first reservation, and releases idempotently', async () => {
      const serviceId = await serviceWithCapacity(2);
      const first = await reserve(serviceId, `retry-${serviceId}`);
      const again = await reserve(serviceId, `retry-${serviceId}`);
      expect(again).toMatchObject({ reservationId: first.reservationId, replayed: true });
      expect(first).toMatchObject({ replayed: false, placesLeft: 1 });
      await reserve(serviceId, `second-${serviceId}`);
      await expect(reserve(serviceId, `third-${serviceId}`)).rejects.toMatchObject({ code: 'CONFLICT' });
      const released = await requests.request(DIRECTORY_CAPACITY_RELEASE_V1, {
        reservationId: first.reservationId,
      });
      const releasedAgain = await requests.request(DIRECTORY_CAPACITY_RELEASE_V1, {
        reservationId: first.reservationId,
      });
      expect(released.alreadyReleased).toBe(false);
      expect(releasedAgain).toMatchObject({ alreadyReleased: true, releasedAt: released.releasedAt });
      await expect(reserve(serviceId, `third-${serviceId}`)).resolves.toMatchObject({ placesLeft: 0 });
      // the released key asked again (a retried attempt) needs a place like a new one: none left now
      await expect(reserve(serviceId, `retry-${serviceId}`)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(
        requests.request(DIRECTORY_CAPACITY_RELEASE_V1, {
          reservationId: '01900000-0000-7000-8000-000000000000',
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses a bad payload with the fields named', async () => {
      await expect(
        requests.requestUntyped(DIRECTORY_CAPACITY_RESERVE_V1, { serviceId: '', idempotencyKey: 'x' }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  async function firstPostcode(outward: string): Promise<string> {
    const db = new Client({ connectionString: sut.db.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT pcds FROM partner_directory.postcodes WHERE outward = $1 ORDER BY pcds LIMIT 1`,
        [outward],
      );
      return rows[0].pcds as string;
    } finally {
      await db.end();
    }
  }
});
