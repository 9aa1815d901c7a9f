/*
 * Outcomes dashboard bench: 1,000,000 outcome rows in one hub (100,000 cases × 5 measures ×
 * baseline and end of support, seeded with generate_series), the real outcomes service on a
 * private nats-server, the dashboard requested over NATS request/reply as the gateway does.
 * Printed beside the raw SQL pair aggregate (the heart of the dashboard) run straight on pg in
 * the same run, so the figure shows what the service adds.
 *
 *   node tools/run.js bench/outcomes/dashboard.bench.ts
 *   BENCH_CASES=100000 BENCH_ITERATIONS=200 node tools/run.js bench/outcomes/dashboard.bench.ts
 *
 * Target (issue 6): dashboard p99 ≤ 100 ms.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'nats';
import { Client } from 'pg';
import { OUTCOMES_DASHBOARD_V1, type GetOutcomesDashboardV1 } from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';
import { createTestDatabase, spawnTs, startNatsServer, testUrls } from '@linkway/testing';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const CHUNK = 10_000;
const MEASURES = ['swemwbs', 'ons4_life_satisfaction', 'ons4_anxiety', 'ucla3', 'health_gp_consultations'];
const DAY = 86_400_000;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const fmt = (values: number[]) =>
  `p50 ${pct(values, 50).toFixed(1).padStart(6)} ms  p99 ${pct(values, 99).toFixed(1).padStart(6)} ms`;
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function time(iterations: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, iterations); i++) await work(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

async function seed(db: Client) {
  const started = Date.now();
  const needs = `ARRAY['isolation','low_mood_anxiety','money_debt','housing_home_environment']`;
  const sources = `ARRAY['gp_practice','self','vcse','pharmacy','social_worker']`;
  for (let from = 1; from <= CASES; from += CHUNK) {
    const to = Math.min(CASES, from + CHUNK - 1);
    // opened between 820 and 90 days ago, so every end-of-support (84 days on) is in the past
    await db.query(
      `INSERT INTO outcome_case (case_id, referral_id, person_id, practitioner_id, referral_source, needs, integration_model,
         archetype, opened_at, first_contact_at, contacts_attended, closed_at, closure_reason)
       SELECT md5('c' || i)::uuid, md5('r' || i)::uuid, md5('p' || i)::uuid, 'practitioner-' || (i % 40),
              (${sources})[1 + i % 5], ARRAY[(${needs})[1 + (i / 5) % 4]], 'none', 'community_centre',
              now() - make_interval(days => 90 + (i * 7919) % 730),
              now() - make_interval(days => 87 + (i * 7919) % 730),
              6 + i % 7, now() - make_interval(days => (i * 7919) % 730), 'completed'
         FROM generate_series($1::int, $2::int) AS i`,
      [from, to],
    );
    await db.query(
      `INSERT INTO outcome_record (id, recording_id, case_id, person_id, timepoint, measure, score, recorded_by, recorded_at)
       SELECT md5(i || m || t)::uuid, md5(i || t)::uuid, md5('c' || i)::uuid, md5('p' || i)::uuid, t, m,
              CASE m
                WHEN 'swemwbs' THEN round((7 + random() * 28)::numeric, 2)
                WHEN 'ucla3' THEN 3 + floor(random() * 7)
                WHEN 'health_gp_consultations' THEN floor(random() * 9)
                ELSE floor(random() * 11) END,
              'bench',
              now() - make_interval(days => 87 + (i * 7919) % 730) + CASE t WHEN 'baseline' THEN interval '0' ELSE interval '84 days' END
         FROM generate_series($1::int, $2::int) AS i,
              unnest($3::text[]) AS m,
              unnest(ARRAY['baseline', 'end_of_support']) AS t`,
      [from, to, MEASURES],
    );
    await db.query(
      `UPDATE outcome_record f SET baseline_score = b.score
         FROM generate_series($1::int, $2::int) AS i, outcome_record b
        WHERE f.case_id = md5('c' || i)::uuid AND f.timepoint <> 'baseline'
          AND b.case_id = f.case_id AND b.measure = f.measure AND b.timepoint = 'baseline'`,
      [from, to],
    );
    const rows = to * MEASURES.length * 2;
    process.stdout.write(
      `\r  seeded ${to.toLocaleString()} cases, ${rows.toLocaleString()} outcome rows (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  process.stdout.write('\n');
  // the baseline_score update left dead tuples: vacuum so the pair scan is index-only, as autovacuum keeps it
  await db.query('VACUUM ANALYZE');
}

/** The dashboard's pair aggregate as one hand-written statement on pg: the floor the service stands on. */
const RAW_SQL = `
  SELECT f.measure, count(*) AS n, sum(f.score - f.baseline_score) AS sum_change,
         sum((f.score - f.baseline_score) * (f.score - f.baseline_score)) AS sum_squares,
         count(*) FILTER (WHERE f.score > f.baseline_score) AS n_up
    FROM outcome_record f
   WHERE f.timepoint = 'end_of_support' AND f.baseline_score IS NOT NULL AND f.recorded_at >= $1 AND f.recorded_at < $2
   GROUP BY f.measure`;

/** The same pairs found the obvious way, by joining every follow-up to its baseline (for context). */
const NAIVE_JOIN_SQL = `
  SELECT f.measure, count(*) AS n, sum(f.score - b.score) AS sum_change
    FROM outcome_record f
    JOIN outcome_record b ON b.case_id = f.case_id AND b.measure = f.measure AND b.timepoint = 'baseline'
   WHERE f.timepoint = 'end_of_support' AND f.recorded_at >= $1 AND f.recorded_at < $2
   GROUP BY f.measure`;

async function main() {
  console.log(
    `outcomes dashboard bench: ${CASES.toLocaleString()} cases, ${(CASES * MEASURES.length * 2).toLocaleString()} outcome rows, ${ITERATIONS} requests per scenario`,
  );
  // BENCH_KEEP_DB=1 keeps the seeded database and prints its name; BENCH_DATABASE_URL reuses one
  const database = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, name: 'reused', drop: async () => undefined }
    : await createTestDatabase('bench-outcomes');
  const nats = await startNatsServer();
  const env = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    REDIS_URL: testUrls().redis,
    REDIS_PREFIX: `bench:outcomes:${Date.now()}`,
    HUB_ID: 'hub1',
    PORT: '0',
    LOG_LEVEL: 'log',
    OUTCOMES_SNAPSHOT_EVERY_MS: '0',
  };
  // first start runs the migrations; seeded with the service stopped, then started again
  let service = await spawnTs('apps/outcomes/src/main.ts', {
    env,
    readyLine: /service started/,
    readyTimeoutMs: 60_000,
  });
  await service.stop();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  await db.query('SET search_path TO outcomes');
  const nc = await connect({ servers: nats.url });
  try {
    const { rows: existing } = await db.query('SELECT count(*)::int AS n FROM outcome_case');
    if (existing[0].n === 0) await seed(db);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM outcome_record');
    console.log(`  outcome_record rows: ${rows[0].n.toLocaleString()}`);
    service = await spawnTs('apps/outcomes/src/main.ts', {
      env,
      readyLine: /service started/,
      readyTimeoutMs: 60_000,
    });
    const requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 30_000 });
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const month = { from: ago(120), to: ago(90) };
    const scenarios: Array<[string, GetOutcomesDashboardV1]> = [
      ['one month', month],
      ['one month, one practitioner', { ...month, practitionerId: 'practitioner-7' }],
      ['one month, one need', { ...month, need: 'money_debt' }],
      ['one month, referral source', { ...month, referralSource: 'gp_practice' }],
      ['one quarter', { from: ago(180), to: ago(90) }],
      ['twelve months', { from: ago(455), to: ago(90) }],
      ['all time (no period)', {}],
    ];
    console.log(
      '\n  scenario                          dashboard over NATS (all sections)   raw SQL pair aggregate on pg',
    );
    for (const [label, filters] of scenarios) {
      const iterations = filters.from ? ITERATIONS : Math.max(20, Math.round(ITERATIONS / 10));
      const dashboard = await time(iterations, () => requests.request(OUTCOMES_DASHBOARD_V1, filters));
      const raw = await time(iterations, () =>
        db.query(RAW_SQL, [filters.from ?? '1970-01-01', filters.to ?? '2999-01-01']),
      );
      console.log(`  ${label.padEnd(32)}  ${fmt(dashboard)}         ${fmt(raw)}   (n=${iterations})`);
    }
    const naive = await time(Math.max(10, Math.round(ITERATIONS / 10)), () =>
      db.query(NAIVE_JOIN_SQL, [month.from, month.to]),
    );
    console.log(`  ${'one month, pairs by join (naive)'.padEnd(32)}  ${''.padEnd(36)}     ${fmt(naive)}`);
    const sample = await requests.request(OUTCOMES_DASHBOARD_V1, month);
    const swemwbs = sample.outcomes.find((o) => o.measure === 'swemwbs');
    console.log(
      `\n  one month: ${swemwbs?.nPaired} SWEMWBS pairs, mean change ${swemwbs?.meanChange} (95% CI ${swemwbs?.ci95?.lower}…${swemwbs?.ci95?.upper})`,
    );
    console.log(`  outcomes service RSS: ${rssMb(service.pid).toFixed(0)} MB`);
  } finally {
    await nc.close();
    await db.end();
    await service.stop();
    await nats.stop();
    if (process.env.BENCH_KEEP_DB === '1') console.log(`  kept database ${database.url}`);
    else await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
