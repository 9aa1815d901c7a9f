/**
 * Directory search latency: 10,000 services across 50 taxonomy terms, filtered by taxonomy,
 * age and 5 km proximity, 20 concurrent clients through the real gateway → NATS → the real
 * partner-directory service, beside a raw SQL baseline (the same filters in one query on a
 * 20-connection pool) measured in the same run. Also: the directory over NATS alone, the public
 * ORUK listing, and a floor: a bare Fastify forwarder (bare-forwarder.ts) in the gateway's place,
 * i.e. what HTTP plus one NATS hop cost on this machine whatever the gateway does on top.
 * SQL and NATS are driven by in-process loops; HTTP by autocannon.
 *
 *   node tools/run.js bench/directory/search.ts [--seconds 15] [--clients 20]
 *
 * Needs Postgres, Redis and nats-server as for the integration tests. Starts its own
 * nats-server, database, directory service and gateway, and removes them afterwards.
 */
import autocannon from 'autocannon';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from 'nats';
import { Client, Pool } from 'pg';
import { DIRECTORY_SEARCH_V1 } from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';

/** Services run with the node flags they ship with (npm start, Docker, the harness), plus BENCH_NODE_FLAGS. */
const { benchServiceFlags } = require('../../tools/lib/node-flags.js') as {
  benchServiceFlags: () => string[];
};

const ROOT = path.resolve(__dirname, '../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    clients: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const SERVICES = 10_000;
const TERMS = 50;
const PG = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Origins: sample postcodes in the hub1 demo area (Leeds), all in the shipped postcode file. */
const LEEDS = { lat: 53.8, lng: -1.55 };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const children: ChildProcess[] = [];
function start(file: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const child = spawn(
    process.execPath,
    [...benchServiceFlags(), '-r', './tools/register.js', file, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} not healthy in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** `clients` loops, each issuing one request after another for `seconds`; latencies in ms. */
async function load(name: string, once: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const i = n++;
        const t = process.hrtime.bigint();
        try {
          await once(i);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / SECONDS),
    p50: percentile(latencies, 50).toFixed(2),
    p99: percentile(latencies, 99).toFixed(2),
    max: (latencies.at(-1) ?? NaN).toFixed(2),
  };
}

/**
 * `clients` closed-loop HTTP clients with autocannon (one connection each, one request in
 * flight). Not `fetch`: on 2 cores the load generator shares the CPU with what it measures,
 * and a fetch loop cost the gateway path a third of its throughput here (same code, same run).
 */
async function loadHttp(
  name: string,
  origin: string,
  pathFor: (i: number) => string,
  headers: Record<string, string> = {},
) {
  let n = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections: CLIENTS,
        duration: SECONDS,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(n++) }) }],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
  });
  return {
    name,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50.toFixed(2),
    p99: result.latency.p99.toFixed(2),
    max: result.latency.max.toFixed(2),
  };
}

const rssMb = (pid: number | undefined) => {
  try {
    return Math.round(
      Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
          .toString()
          .trim(),
      ) / 1024,
    );
  } catch {
    return NaN;
  }
};

async function main() {
  const tag = randomBytes(4).toString('hex');
  const dbName = `lw_bench_directory_${tag}`;
  const admin = new Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = Object.assign(new URL(PG), { pathname: `/${dbName}` }).toString();
  const store = mkdtempSync(path.join(tmpdir(), 'lw-bench-nats-'));
  const natsPort = await freePort();
  const nats = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', store], {
    stdio: 'ignore',
  });
  children.push(nats);
  const common = {
    DATABASE_URL: dbUrl,
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    REDIS_URL: REDIS,
    REDIS_PREFIX: `bench:${tag}`,
    HUB_ID: 'hub1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'log',
    RATE_LIMIT_PER_MINUTE: '10000000',
  };
  try {
    const dirPort = await freePort();
    const directory = start('apps/partner-directory/src/main.ts', { ...common, PORT: String(dirPort) });
    await waitFor(`http://127.0.0.1:${dirPort}/health`);
    console.log(`seeding ${SERVICES} services across ${TERMS} taxonomy terms…`);
    const seeded = Date.now();
    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    await db.query(`SET search_path = partner_directory`);
    await db.query(
      `INSERT INTO organizations (id, name, description) VALUES ('bench-org', 'Bench org', 'bench')`,
    );
    await db.query(
      `INSERT INTO taxonomy_terms (id, name, description, taxonomy_id)
       SELECT 'bench-' || g, 'Bench term ' || g, 'bench', 'linkway-activities' FROM generate_series(1, ${TERMS}) g`,
    );
    // services spread uniformly over a ~30 km square around Leeds; ages: a quarter 50+, a quarter 18–64, the rest open
    await db.query(
      `INSERT INTO services (id, organization_id, name, description, status, minimum_age, maximum_age, accepting, max_new_per_week, waiting_time_days, last_verified_at)
       SELECT 'bench-s' || g, 'bench-org', 'Bench service ' || g, 'A community group for bench ' || g, 'active',
              CASE g % 4 WHEN 0 THEN 50 WHEN 1 THEN 18 ELSE NULL END, CASE g % 4 WHEN 1 THEN 64 ELSE NULL END,
              CASE WHEN g % 10 = 0 THEN 'paused' ELSE 'yes' END, 5 + g % 10, g % 30, now() - (g % 400) * interval '1 day'
       FROM generate_series(1, ${SERVICES}) g`,
    );
    await db.query(
      `INSERT INTO locations (id, name, postal_code, latitude, longitude)
       SELECT 'bench-l' || g, 'Venue ' || g, 'LS1 1AA', ${LEEDS.lat} + (random() - 0.5) * 0.27, ${LEEDS.lng} + (random() - 0.5) * 0.45
       FROM generate_series(1, ${SERVICES}) g`,
    );
    await db.query(
      `INSERT INTO service_at_locations (id, service_id, location_id) SELECT 'bench-sal' || g, 'bench-s' || g, 'bench-l' || g FROM generate_series(1, ${SERVICES}) g`,
    );
    await db.query(
      `INSERT INTO attributes (id, link_id, taxonomy_term_id) SELECT 'bench-a' || g, 'bench-s' || g, 'bench-' || (1 + g % ${TERMS}) FROM generate_series(1, ${SERVICES}) g`,
    );
    await db.query(`ANALYZE`);
    const { rows: postcodes } = await db.query(
      `SELECT pcds, latitude, longitude FROM postcodes WHERE outward LIKE 'LS%'`,
    );
    await db.end();
    console.log(`seeded in ${Date.now() - seeded} ms; ${postcodes.length} origin postcodes`);

    const gwPort = await freePort();
    const gatewayProcess = start('apps/gateway/src/main.ts', { ...common, PORT: String(gwPort) });
    await waitFor(`http://127.0.0.1:${gwPort}/health`);
    // after the gateway started: its CLI expects the schema the gateway migrates at start
    execFileSync(
      process.execPath,
      [
        '-r',
        './tools/register.js',
        'apps/gateway/src/cli.ts',
        'create-admin',
        '--email',
        'bench@bench.test',
        '--password',
        'bench-password-1',
        '--hub',
        'hub1',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...common },
        stdio: 'ignore',
      },
    );
    const login = await fetch(`http://127.0.0.1:${gwPort}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@bench.test', password: 'bench-password-1' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const query = (i: number) => ({
      term: `bench-${1 + (i % TERMS)}`,
      age: 20 + (i % 60),
      origin: postcodes[i % postcodes.length] as { pcds: string; latitude: number; longitude: number },
    });
    const check = async (response: Response) => {
      if (!response.ok) throw new Error(String(response.status));
      await response.arrayBuffer();
    };
    const searchPath = (i: number, prefix = '/api/v1/directory/search') => {
      const q = query(i);
      return `${prefix}?taxonomyTermId=${q.term}&age=${q.age}&postcode=${encodeURIComponent(q.origin.pcds)}&radiusKm=5`;
    };
    const orukPath = (i: number) => {
      const q = query(i);
      return `/oruk/services?taxonomy_term_id=${q.term}&minimum_age=${q.age}&maximum_age=${q.age}&postcode=${encodeURIComponent(q.origin.pcds)}&proximity=5000&per_page=20`;
    };
    const gateway = `http://127.0.0.1:${gwPort}`;

    // warm-up: JIT, pools, plan caches
    for (let i = 0; i < 200; i += 1) {
      await check(await fetch(`${gateway}${searchPath(i)}`, { headers: auth }));
      await check(await fetch(`${gateway}${orukPath(i)}`));
    }
    const sample = (await (
      await fetch(
        `${gateway}/api/v1/directory/search?taxonomyTermId=bench-7&age=40&postcode=${encodeURIComponent(postcodes[0].pcds)}&radiusKm=5`,
        { headers: auth },
      )
    ).json()) as { total: number };

    const pool = new Pool({
      connectionString: dbUrl,
      max: CLIENTS,
      options: '-c search_path=partner_directory',
    });
    const sql = `SELECT s.id, near.distance_km FROM services s
      JOIN LATERAL (SELECT l.id, (2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(l.latitude - $3) / 2), 2) +
          cos(radians($3)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - $4) / 2), 2))))) AS distance_km
        FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = s.id AND l.latitude BETWEEN $3 - 0.045 AND $3 + 0.045 AND l.longitude BETWEEN $4 - 0.076 AND $4 + 0.076
        ORDER BY distance_km LIMIT 1) near ON near.distance_km <= 5
      WHERE s.status = 'active' AND EXISTS (SELECT 1 FROM attributes a WHERE a.link_id = s.id AND a.taxonomy_term_id = $1)
        AND (s.minimum_age IS NULL OR s.minimum_age <= $2) AND (s.maximum_age IS NULL OR s.maximum_age >= $2)
      ORDER BY near.distance_km LIMIT 20`;
    for (let i = 0; i < 200; i += 1) {
      const q = query(i);
      await pool.query(sql, [q.term, q.age, q.origin.latitude, q.origin.longitude]);
    }

    const results = [];
    results.push(
      await load('raw SQL (pg pool, same filters)', async (i) => {
        const q = query(i);
        await pool.query(sql, [q.term, q.age, q.origin.latitude, q.origin.longitude]);
      }),
    );
    const nc = await connect({ servers: common.NATS_URL, name: 'bench-directory' });
    const requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 30_000 });
    results.push(
      await load('NATS directory.search.v1 (no gateway)', async (i) => {
        const q = query(i);
        await requests.request(DIRECTORY_SEARCH_V1, {
          taxonomyTermIds: [q.term],
          age: q.age,
          postcode: q.origin.pcds,
          radiusKm: 5,
        });
      }),
    );
    await nc.drain();
    results.push(await loadHttp('gateway /api/v1/directory/search', gateway, (i) => searchPath(i), auth));
    results.push(await loadHttp('gateway /oruk/services (public)', gateway, orukPath));
    const floorPort = await freePort();
    start('bench/directory/bare-forwarder.ts', { ...common, PORT: String(floorPort) });
    const floor = `http://127.0.0.1:${floorPort}`;
    await waitFor(`${floor}/health`);
    for (let i = 0; i < 200; i += 1) await check(await fetch(`${floor}${searchPath(i, '/search')}`));
    results.push(
      await loadHttp('floor: bare Fastify → NATS (no Nest, auth, limits)', floor, (i) =>
        searchPath(i, '/search'),
      ),
    );
    await pool.end();
    console.log(
      `\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${Math.round(totalmem() / 2 ** 30)} GB · node ${process.version}`,
    );
    console.log(
      `${SERVICES} services, ${TERMS} terms, filters: 1 term, age, 5 km; ${CLIENTS} concurrent clients, ${SECONDS} s each; a typical query matches ${sample.total} services`,
    );
    console.table(results);
    console.log(
      `RSS after load: gateway ${rssMb(gatewayProcess.pid)} MB, partner-directory ${rssMb(directory.pid)} MB`,
    );
    const gatewayP99 = Number(results.find((r) => r.name.startsWith('gateway /api'))?.p99);
    console.log(
      `target: p99 ≤ 20 ms through the gateway: ${gatewayP99} ms, ${gatewayP99 <= 20 ? 'met' : 'not met'}`,
    );
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    rmSync(store, { recursive: true, force: true });
    const c = new Client({ connectionString: PG });
    await c.connect();
    if (values.keep) console.log(`kept database ${dbName}`);
    else await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  }
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
