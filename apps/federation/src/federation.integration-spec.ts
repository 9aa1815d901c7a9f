import { STREAMS } from '@linkway/contracts';
import { jetStreamManager } from '@linkway/messaging';
import { waitUntil } from '@linkway/testing';
import { connect } from 'nats';
import { FederationHarness } from './test-fixtures/federation-harness';
import { snapshotFactory } from './test-fixtures/snapshot.factory';

/*
 * The federation end to end on a real topology: an ICS nats-server (domain ics) and two hub
 * leaf servers (domains hub1, hub2), the federation app as a child process, a fresh database.
 * Snapshots are published in each hub's own FEDERATION_OUT, as the outcomes service's relay does.
 */
const referrals = (received: number) => ({
  bySource: [{ key: 'gp', count: received }],
  byNeed: [],
  received,
  accepted: received,
  declined: 0,
  signposted: 0,
});

describe('federation (ICS + leaf hubs)', () => {
  let h: FederationHarness;
  let analyst: string;

  beforeAll(async () => {
    h = await FederationHarness.start(['hub1', 'hub2']);
    h.cli(['seed-demo', '--json']);
    await h.startApp({ FEDERATION_HUBS: 'hub1,hub2', FEDERATION_ACK_WAIT_MS: '2000' });
    analyst = await h.login('ics_analyst@ics.linkway.test');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const get = (path: string, token = analyst) =>
    fetch(h.url(path), { headers: { authorization: `Bearer ${token}` } });

  it('admits ics_analyst and admin only: hub staff get 403, a hub admin token 401, no token 401', async () => {
    expect((await get('/api/v1/reports/overview')).status).toBe(200);
    expect(
      (await get('/api/v1/reports/overview', FederationHarness.hubToken('link_worker', 'hub1'))).status,
    ).toBe(403);
    expect(
      (await get('/api/v1/reports/overview', FederationHarness.hubToken('hub_manager', 'hub2'))).status,
    ).toBe(403);
    expect((await get('/api/v1/reports/overview', FederationHarness.hubToken('admin', 'hub1'))).status).toBe(
      401,
    );
    expect((await fetch(h.url('/api/v1/reports/overview'))).status).toBe(401);
    expect((await fetch(h.url('/api/docs-json'))).status).toBe(200);
  });

  it('applies snapshots idempotently: duplicates ignored, a higher version replaces, an older one never does', async () => {
    const pub1 = await h.publisher('hub1');
    const pub2 = await h.publisher('hub2');
    await pub1(snapshotFactory({ hubId: 'hub1', month: 1, version: 2, referrals: referrals(40) }));
    await pub1(snapshotFactory({ hubId: 'hub1', month: 1, version: 1, referrals: referrals(999) })); // older, arrives later
    await pub1(
      snapshotFactory({ hubId: 'hub1', month: 1, version: 2, referrals: referrals(40) }),
      'hub1-dup-of-v2',
    ); // same version again
    await pub2(snapshotFactory({ hubId: 'hub2', month: 1, version: 1, referrals: referrals(30) }));
    await waitUntil(
      async () =>
        (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM federation.inbox`))[0].n === 4,
      { what: '4 deliveries handled' },
    );
    expect(await h.storedTotals()).toEqual({ periods: 2, received: 70 });

    await pub2(snapshotFactory({ hubId: 'hub2', month: 1, version: 3, referrals: referrals(50) })); // a corrected period
    await waitUntil(async () => (await h.storedTotals()).received === 90, {
      what: 'corrected hub2 period applied',
    });
    const [row] = await h.query<{ version: number }>(
      `SELECT version FROM federation.hub_snapshot WHERE hub_id = 'hub2'`,
    );
    expect(row.version).toBe(3);

    const overview = (await (await get('/api/v1/reports/overview')).json()) as {
      ics: { counts: { received: number } };
      rows: { hubId: string; counts: { received: unknown } }[];
    };
    expect(overview.ics.counts.received).toBe(90);
    expect(overview.rows.find((r) => r.hubId === 'hub1')?.counts.received).toBe(40);
    const csv = await get('/api/v1/reports/overview.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('overview,ics,ics,ICS total,counts.received,90');
  });

  it('registers a hub through the API (admin only) or the CLI by adding a source to FEDERATION_IN', async () => {
    const admin = await h.login('admin@ics.linkway.test');
    const body = {
      id: 'hub9',
      name: 'Eastgate Connect',
      archetype: 'stroke',
      integrationModel: 'brokered_referral',
      population: 30000,
    };
    const post = (token: string) =>
      fetch(h.url('/api/v1/hubs'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(analyst)).status).toBe(403);
    expect((await post(admin)).status).toBe(201);
    const nc = await connect({ servers: h.topology.ics.url });
    try {
      const info = await (await jetStreamManager(nc, 'ics')).streams.info(STREAMS.FEDERATION_IN.name);
      expect(info.config.sources?.map((s) => s.external?.api)).toContain('$JS.hub9.API');
    } finally {
      await nc.close();
    }
    const out = h.cli([
      'hub-add',
      '--id',
      'hub8',
      '--name',
      'Westbrook',
      '--archetype',
      'frail_elderly',
      '--integration-model',
      'universal_screening',
      '--population',
      '41000',
    ]);
    expect(out).toContain('registered hub8');
    const nc2 = await connect({ servers: h.topology.ics.url });
    try {
      const info = await (await jetStreamManager(nc2, 'ics')).streams.info(STREAMS.FEDERATION_IN.name);
      expect(info.config.sources?.map((s) => s.external?.api)).toEqual(
        expect.arrayContaining(['$JS.hub8.API', '$JS.hub9.API', '$JS.hub1.API']),
      );
    } finally {
      await nc2.close();
    }
    const stale = (await (await get('/api/v1/hubs/stale')).json()) as { hubId: string }[];
    expect(stale.map((s) => s.hubId)).toContain('hub9');
    expect(stale.map((s) => s.hubId)).not.toContain('hub1');
  });

  it('keeps hub publishes working while the ICS is down and reaches exactly the right totals after it returns', async () => {
    const pub1 = await h.publisher('hub1');
    const pub2 = await h.publisher('hub2');
    const before = await h.storedTotals();
    await h.topology.ics.stop();
    let expected = before.received;
    for (let month = 2; month <= 7; month++) {
      await pub1(snapshotFactory({ hubId: 'hub1', month, referrals: referrals(month * 10) }));
      await pub2(snapshotFactory({ hubId: 'hub2', month, referrals: referrals(month * 10 + 1) }));
      expected += month * 20 + 1;
    }
    const back = Date.now();
    await h.topology.ics.start();
    await waitUntil(async () => (await h.storedTotals()).received === expected, {
      what: `ICS total ${expected}`,
      timeoutMs: 60_000,
    });
    console.log(`federation catch-up after ICS outage: ${Date.now() - back} ms for 12 snapshots`);
    expect(await h.storedTotals()).toEqual({ periods: before.periods + 12, received: expected });
  });

  it('loses nothing and counts nothing twice when the app is killed mid-batch and restarted', async () => {
    const pub1 = await h.publisher('hub1');
    const pub2 = await h.publisher('hub2');
    const before = await h.storedTotals();
    let expected = before.received;
    const batch = [];
    for (let week = 1; week <= 40; week++) {
      for (const hubId of ['hub1', 'hub2']) {
        const key = `2026-W${String(week).padStart(2, '0')}`;
        batch.push(
          snapshotFactory({
            hubId,
            period: { kind: 'week', key, start: '2026-01-05', end: '2026-01-11' },
            referrals: referrals(week),
          }),
        );
        expected += week;
      }
    }
    await Promise.all(batch.map((s) => (s.hubId === 'hub1' ? pub1(s) : pub2(s))));
    await waitUntil(async () => (await h.storedTotals()).periods > before.periods + 5, {
      what: 'part of the batch applied',
      intervalMs: 5,
    });
    await h.app?.killHard();
    const partial = await h.storedTotals();
    expect(partial.periods).toBeLessThan(before.periods + 80);
    // deliveries the killed process held come back after the ack wait (2 s here)
    await h.startApp({ FEDERATION_HUBS: 'hub1,hub2', FEDERATION_ACK_WAIT_MS: '2000' });
    await waitUntil(async () => (await h.storedTotals()).periods === before.periods + 80, {
      what: 'whole batch applied',
      timeoutMs: 30_000,
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await h.diagnostics()}`);
    });
    expect(await h.storedTotals()).toEqual({ periods: before.periods + 80, received: expected });
    const [dups] = await h.query<{ n: number }>(
      `SELECT count(*)::int - count(DISTINCT message_id)::int AS n FROM federation.inbox`,
    );
    expect(dups.n).toBe(0);
  });
});
