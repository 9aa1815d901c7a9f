/**
 * (12) What leaves a hub and what the ICS publishes. Random hub figures (fast-check, with many
 * counts in 1–7) are published as snapshots by two hubs over real leaf links; after each round
 * every federation report is read back and no published count may be in 1–7. Every message on
 * `fed.>` at the hubs (FEDERATION_OUT) and every message the ICS stored in FEDERATION_IN is
 * scanned for person identifiers:
 * NHS-number-valid 10-digit strings, full postcodes, and the names of the people seeded.
 *
 * Today the snapshots are built by this suite (the outcomes service, which builds them from
 * person-level data, is still being written); when it lands, seed people through a hub and let
 * it publish, and this scan covers the real builder.
 */
import fc from 'fast-check';
import { connect, type NatsConnection } from 'nats';
import { isValidNhsNumber } from '@linkway/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the e2e harness is shared by path, not a library
import {
  api,
  DEMO_PASSWORD,
  readStream,
  type Federation,
  type OwnedServer,
  personFor,
  type PostgresCluster,
  recordFigure,
  runCli,
  runSalt,
  snapshotFor,
  startFederation,
  startPostgresCluster,
  startRedis,
  until,
} from '../../harness';

/** A full UK postcode (outward and inward code), the form that can point at a handful of homes. */
const FULL_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;

/** Every count a report publishes: values of `counts` objects and `total` fields. */
function publishedCounts(node: unknown, path = '', out: { path: string; value: unknown }[] = []) {
  if (Array.isArray(node)) node.forEach((v, i) => publishedCounts(v, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'counts' && v && typeof v === 'object')
        for (const [ck, cv] of Object.entries(v)) out.push({ path: `${path}.counts.${ck}`, value: cv });
      else if (k === 'total' && (typeof v === 'number' || v === '*'))
        out.push({ path: `${path}.total`, value: v });
      else publishedCounts(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe('federation outputs', () => {
  let pg: PostgresCluster;
  let redis: OwnedServer;
  let fed: Federation;
  const hubIds = ['xa', 'xb'];
  const captured: { where: string; subject: string; data: string }[] = [];
  const conns: NatsConnection[] = [];
  let token = '';
  const salt = runSalt();
  // people the hubs hold: none of their identifiers may ever cross
  const people = Array.from({ length: 40 }, (_, i) => personFor(i, salt));

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgresCluster(), startRedis()]);
    fed = await startFederation({ pg, redisUrl: redis.url, hubIds, tag: `o${salt}`, proxied: false });
    await runCli('apps/federation/src/cli.ts', ['seed-demo', '--json'], fed.env);
    const login = await api(fed.app.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'ics_analyst@ics.linkway.test', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    token = (login.body as { accessToken: string }).accessToken;
    // the hubs' own fed.> (what leaves a hub); what reached the ICS is read back from FEDERATION_IN
    // at the end. (A `>` tap on the ICS itself stalls stream sourcing over the leaf: avoid.)
    for (const hubId of hubIds) {
      const nc = await connect({ servers: fed.hubs[hubId].nats.url });
      conns.push(nc);
      nc.subscribe('fed.>', {
        callback: (_, m) =>
          captured.push({ where: hubId, subject: m.subject, data: new TextDecoder().decode(m.data) }),
      });
    }
  });

  afterAll(async () => {
    for (const nc of conns) await nc.close().catch(() => undefined);
    await fed?.stop();
    await redis?.stop();
    await pg?.destroy();
  });

  it('(12) random hub data never yields a published count in 1–7; no person identifier crosses on FEDERATION subjects', async () => {
    const small = fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 40 }));
    const hubFigures = fc.record({
      received: small,
      accepted: small,
      declined: small,
      signposted: small,
      opened: small,
      closed: small,
      bySource: fc.array(
        fc.record({ key: fc.constantFrom('gp_practice', 'self', 'housing', 'vcse'), count: small }),
        { maxLength: 3 },
      ),
    });
    let version = 0;
    let reportsRead = 0;
    let countsChecked = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(hubFigures, { minLength: hubIds.length, maxLength: hubIds.length }),
        async (figures) => {
          version += 1;
          runs += 1;
          for (const [i, hubId] of hubIds.entries()) {
            const f = figures[i];
            const bySource = [...new Map(f.bySource.map((s) => [s.key, s])).values()];
            await fed.hubs[hubId].publish(
              snapshotFor(hubId, 11, version, {
                referrals: {
                  bySource,
                  byNeed: [],
                  received: f.received,
                  accepted: f.accepted,
                  declined: f.declined,
                  signposted: f.signposted,
                },
                cases: { opened: f.opened, closed: f.closed, contactsSum: 0, closedWithContacts: 0 },
              }),
            );
          }
          const want = figures.reduce((s, f) => s + f.received, 0);
          await until(
            `version ${version} applied`,
            async () => {
              const rows = await pg.query<{ n: string }>(
                fed.dbName,
                `SELECT count(*) AS n FROM federation.hub_snapshot WHERE version = $1`,
                [version],
              );
              return Number(rows[0].n) === hubIds.length && (await fed.storedTotals()).received === want;
            },
            60_000,
            200,
          );
          const names = (
            (await api(fed.app.url, 'GET', '/api/v1/reports', { token })).body as { reports: string[] }
          ).reports;
          for (const name of names) {
            const report = await api(fed.app.url, 'GET', `/api/v1/reports/${name}?from=2026-11&to=2026-11`, {
              token,
            });
            expect({ name, status: report.status }).toEqual({ name, status: 200 });
            reportsRead += 1;
            const counts = publishedCounts(report.body);
            countsChecked += counts.length;
            const disclosive = counts.filter(
              (c) => typeof c.value === 'number' && c.value >= 1 && c.value <= 7,
            );
            expect({ name, disclosive }).toEqual({ name, disclosive: [] });
          }
        },
      ),
      { numRuns: 12, endOnFailure: true },
    );

    // and everything the ICS stored in FEDERATION_IN
    for (const m of await readStream(fed.ics.url, 'FEDERATION_IN'))
      captured.push({ where: 'ics FEDERATION_IN', subject: m.subject, data: m.data });
    // scan everything captured for identifiers
    const names = new Set(people.flatMap((p) => [p.familyName]));
    const hits: string[] = [];
    for (const m of captured) {
      for (const digits of m.data.match(/\d{10}/g) ?? [])
        if (isValidNhsNumber(digits)) hits.push(`${m.where} ${m.subject}: NHS number ${digits}`);
      for (const pc of m.data.match(FULL_POSTCODE) ?? [])
        hits.push(`${m.where} ${m.subject}: postcode ${pc}`);
      for (const n of names) if (m.data.includes(n)) hits.push(`${m.where} ${m.subject}: name ${n}`);
    }
    const fedMessages = captured.filter((m) => m.where.startsWith('ics'));
    recordFigure(
      'security',
      '12 federation outputs',
      `${runs} random rounds, ${reportsRead} reports read, ${countsChecked} published counts checked (none in 1–7); ${captured.length} messages captured (${fedMessages.length} of them from the ICS's FEDERATION_IN) scanned, ${hits.length} identifier hits`,
    );
    expect(runs).toBe(12);
    expect(countsChecked).toBeGreaterThan(0);
    expect(captured.filter((m) => m.subject.startsWith('fed.snapshot.')).length).toBeGreaterThanOrEqual(
      12 * hubIds.length,
    );
    expect(hits).toEqual([]);
  });
});
