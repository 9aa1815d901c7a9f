/**
 * Intake benchmark (not a test): `node tools/run.js bench/intake/bench.ts [--seconds 10] [--warmup 3] [--connections 50] [--rows 100000]`
 *
 * 1. autocannon against POST /api/v1/referrals through the real gateway → NATS → referral-intake
 *    (validation, duplicate check, persistence, outbox), beside a baseline measured in the same
 *    run (first and again last): one Fastify process writing referral + outbox rows with `pg` in
 *    one statement; and a floor (floor-server.ts): the baseline's work over the architecture's
 *    two processes and NATS hop, with nothing else. Each phase prints the CPU each process
 *    spent per request, so a run shows which one to make cheaper.
 * 2. Event propagation: from each 201 to the referral's received event arriving on NATS.
 * 3. A 100,000-row CSV import through `linkway import referrals`, beside a raw batched INSERT of
 *    the same rows.
 * Everything runs on a private nats-server and a fresh database, dropped at the end.
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { connect, StringCodec } from 'nats';
import { Client } from 'pg';
import { INTAKE_REFERRAL_CREATE_V1 } from '@linkway/contracts';
import { CsvRowParser } from '@linkway/domain';
import { RequestClient } from '@linkway/messaging';
import { nhsNumberFor, writeCsv } from './csv-fixture';

/** Services run with the node flags they ship with (npm start, Docker, the harness), plus BENCH_NODE_FLAGS. */
const { benchServiceFlags } = require('../../tools/lib/node-flags.js') as {
  benchServiceFlags: () => string[];
};

const ROOT = resolve(__dirname, '../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    rows: { type: 'string', default: '100000' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const ROWS = Number(values.rows);
const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const tag = randomBytes(3).toString('hex');
const HUB = `bench${tag}`;
const DB = `linkway_${HUB}`;
const DB_URL = `${PG}/${DB}`;

const children: ChildProcess[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);

function start(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 60_000);
    const tail: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (ready.test(line)) {
          clearTimeout(timer);
          resolvePromise(child);
        }
      });
    }
    child.once('exit', (code) => reject(new Error(`${name} exited ${code}\n${tail.join('\n')}`)));
  });
}

const rssMb = (pid: number) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

const TICKS_PER_MS = 100 / 1000; // USER_HZ on Linux

/** CPU time (user + system) a process has used so far, in ms; 0 once it has exited. */
const cpuMs = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
  } catch {
    return 0;
  }
};

/** Every PostgreSQL server process (backends of every database), for the database's share of CPU. */
const postgresPids = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });

/**
 * Where the machine's CPU went while `work` ran: ms of CPU per request for each named process
 * group, so a run shows which process to make cheaper (on 2 cores they all share the budget).
 */
async function cpuPerRequest<T>(
  groups: Record<string, () => number[]>,
  work: () => Promise<T>,
  requestsOf: (result: T) => number,
): Promise<{ result: T; line: string }> {
  // a process that starts during the run (a new database backend) counts from zero
  const before = new Map<number, number>();
  for (const pids of Object.values(groups)) for (const pid of pids()) before.set(pid, cpuMs(pid));
  const self = process.cpuUsage();
  const result = await work();
  const selfMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(self));
  const requests = requestsOf(result);
  const used = (pids: number[]) =>
    pids.reduce((total, pid) => total + cpuMs(pid) - (before.get(pid) ?? 0), 0);
  const parts = Object.entries(groups).map(
    ([name, pids]) => `${name} ${(used(pids()) / requests).toFixed(2)}`,
  );
  parts.push(`load generator ${(selfMs / requests).toFixed(2)}`);
  return { result, line: `CPU ms per request: ${parts.join(', ')}` };
}

/** Peak RSS of some processes while `work` runs, sampled every 100 ms. */
async function withPeakRss<T>(
  pids: number[],
  work: () => Promise<T>,
): Promise<{ result: T; peak: number[] }> {
  const peak = pids.map(() => 0);
  const timer = setInterval(() => pids.forEach((pid, i) => (peak[i] = Math.max(peak[i], rssMb(pid)))), 100);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

let serial = 0;
function referralBody() {
  serial += 1;
  return JSON.stringify({
    referrerType: 'gp_practice',
    person: {
      nhsNumber: nhsNumberFor(serial + 10_000_000),
      givenName: 'Bench',
      familyName: `Person${serial}`,
      dateOfBirth: '1950-01-01',
      postcode: 'LS1 4AP',
    },
    consent: { givenBy: 'person', method: 'verbal', recordedAt: '2026-11-01T10:00:00Z' },
    reasons: ['isolation'],
  });
}

function cannon(
  url: string,
  headers: Record<string, string>,
  onResponse?: (status: number, body: string) => void,
  seconds = SECONDS,
) {
  return new Promise<autocannon.Result>((resolvePromise, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            setupRequest: (req) => ({ ...req, body: referralBody() }),
            onResponse: onResponse && ((status, body) => onResponse(status, body)),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolvePromise(result)),
    );
  });
}

/** The new referral's id in a create's answer, `{ ..., "referral": { "id": "…", ... } }`. */
const REFERRAL_ID = /"referral":\{"id":"([0-9a-f-]{36})"/;
/** The referral's id in a received event's payload. */
const EVENT_REFERRAL_ID = /"referralId":\s*"([0-9a-f-]{36})"/;

/**
 * Unmeasured load before each measured phase: the services' code is JIT-compiled, pools are
 * full and plans cached by then, as on a hub that has been up for a while.
 */
const warmUp = (url: string, headers: Record<string, string> = {}) =>
  cannon(url, headers, undefined, WARMUP_SECONDS);

const fmt = (r: autocannon.Result) =>
  `${Math.round(r.requests.average).toString().padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  2xx ${r['2xx']}  non-2xx ${r.non2xx}  errors ${r.errors}`;

async function main() {
  log(
    `# bench/intake  ${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model}  ${(totalmem() / 2 ** 30).toFixed(1)} GiB  node ${process.version}`,
  );
  const admin = new Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${DB}"`);
  const natsDir = mkdtempSync(join(tmpdir(), 'bench-nats-'));
  const natsPort = 4400 + Math.floor(Math.random() * 500);
  const nats = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', natsDir], {
    stdio: 'ignore',
  });
  children.push(nats);
  const NATS = `nats://127.0.0.1:${natsPort}`;
  await new Promise((r) => setTimeout(r, 500));
  const db = new Client({ connectionString: DB_URL });
  await db.connect();
  try {
    // ---- baseline -------------------------------------------------------------------------
    await db.query(`CREATE SCHEMA bench_baseline;
      CREATE TABLE bench_baseline.referral (id text PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE bench_baseline.outbox (id text PRIMARY KEY, subject text NOT NULL, payload jsonb NOT NULL, published_at timestamptz)`);
    const basePort = 3900 + Math.floor(Math.random() * 50);
    const baseline = await start(
      'baseline',
      ['-r', './tools/register.js', 'bench/intake/baseline-server.ts'],
      { PORT: String(basePort), DATABASE_URL: DB_URL },
      /baseline ready/,
    );
    // measured first and again last: this machine's speed drifts, and the ratio uses the mean
    const measureBaseline = () =>
      cpuPerRequest(
        { baseline: () => [baseline.pid!], postgres: postgresPids },
        () => withPeakRss([baseline.pid!], () => cannon(`http://127.0.0.1:${basePort}/referrals`, {})),
        (run) => run.result.requests.total,
      );
    await warmUp(`http://127.0.0.1:${basePort}/referrals`);
    const baseCpu = await measureBaseline();
    const base = baseCpu.result;

    // ---- the floor: the baseline's work over the architecture's two processes and NATS hop ----
    const floorEnv = { NATS_URL: NATS, DATABASE_URL: DB_URL };
    const responder = await start(
      'floor responder',
      ['-r', './tools/register.js', 'bench/intake/floor-server.ts'],
      { ...floorEnv, ROLE: 'responder' },
      /floor responder ready/,
    );
    const floorPort = basePort + 50;
    const forwarder = await start(
      'floor forwarder',
      ['-r', './tools/register.js', 'bench/intake/floor-server.ts'],
      { ...floorEnv, ROLE: 'forwarder', PORT: String(floorPort) },
      /floor forwarder ready/,
    );
    await warmUp(`http://127.0.0.1:${floorPort}/referrals`);
    const floorCpu = await cpuPerRequest(
      {
        forwarder: () => [forwarder.pid!],
        responder: () => [responder.pid!],
        postgres: postgresPids,
        'nats-server': () => [nats.pid!],
      },
      () => cannon(`http://127.0.0.1:${floorPort}/referrals`, {}),
      (run) => run.requests.total,
    );
    const floor = floorCpu.result;
    forwarder.kill('SIGTERM');
    responder.kill('SIGTERM');

    // ---- the real path: gateway → NATS → referral-intake ------------------------------------
    const common = {
      DATABASE_URL: DB_URL,
      NATS_URL: NATS,
      REDIS_URL: REDIS,
      REDIS_PREFIX: `bench:${tag}`,
      HUB_ID: HUB,
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '20',
    };
    const intake = await start(
      'intake',
      [...benchServiceFlags(), 'tools/run.js', 'apps/referral-intake/src/main.ts'],
      { ...common, PORT: '0', LOG_LEVEL: 'log', HUB_PROFILE: 'community_centre' },
      /service started/,
    );
    const gwPort = 3950 + Math.floor(Math.random() * 40);
    const gateway = await start(
      'gateway',
      [...benchServiceFlags(), 'tools/run.js', 'apps/gateway/src/main.ts'],
      { ...common, PORT: String(gwPort), RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'log' },
      /gateway started/,
    );
    await new Promise<void>((r, j) =>
      spawn(
        process.execPath,
        ['tools/run.js', 'apps/gateway/src/cli.ts', 'seed-demo', '--hub', HUB, '--json'],
        { cwd: ROOT, env: { ...process.env, ...common }, stdio: 'ignore' },
      ).once('exit', (c) => (c === 0 ? r() : j(new Error(`seed-demo exited ${c}`)))),
    );
    const login = await fetch(`http://127.0.0.1:${gwPort}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `referrer@${HUB}.linkway.test`,
        password: process.env.LINKWAY_DEMO_PASSWORD ?? 'linkway-demo',
      }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    const nc = await connect({ servers: NATS });
    const sc = StringCodec();
    const createdAt = new Map<string, number>();
    const eventAt = new Map<string, number>();
    nc.subscribe('evt.intake.referral.received.v1', {
      callback: (_, msg) => {
        const id = EVENT_REFERRAL_ID.exec(sc.decode(msg.data))?.[1];
        if (id) eventAt.set(id, performance.now());
      },
    });
    await warmUp(`http://127.0.0.1:${gwPort}/api/v1/referrals`, { authorization: `Bearer ${accessToken}` });
    const realCpu = await cpuPerRequest(
      {
        gateway: () => [gateway.pid!],
        intake: () => [intake.pid!],
        postgres: postgresPids,
        'nats-server': () => [nats.pid!],
      },
      () =>
        withPeakRss([gateway.pid!, intake.pid!], () =>
          cannon(
            `http://127.0.0.1:${gwPort}/api/v1/referrals`,
            { authorization: `Bearer ${accessToken}` },
            (status, body) => {
              // a match, not JSON.parse: the load generator shares the 2 cores it measures
              const id = status === 201 ? REFERRAL_ID.exec(body)?.[1] : undefined;
              if (id) createdAt.set(id, performance.now());
            },
          ),
        ),
      (run) => run.result.requests.total,
    );
    const real = realCpu.result;
    // intake alone over NATS (no gateway): where the time goes
    const rpc = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 10_000 });
    const rpcLatencies: number[] = [];
    const rpcUntil = performance.now() + SECONDS * 1000;
    const rpcWorker = async () => {
      while (performance.now() < rpcUntil) {
        const t0 = performance.now();
        await rpc.request(INTAKE_REFERRAL_CREATE_V1, {
          actor: { accountId: null, role: 'link_worker' },
          channel: 'api',
          referral: JSON.parse(referralBody()),
        });
        rpcLatencies.push(performance.now() - t0);
      }
    };
    const rpcRun = await withPeakRss([intake.pid!], () =>
      Promise.all(Array.from({ length: CONNECTIONS }, rpcWorker)),
    );
    rpcLatencies.sort((a, b) => a - b);
    const baseAgainCpu = await measureBaseline();
    const baseAgain = baseAgainCpu.result;
    baseline.kill('SIGTERM');
    const baselineRps = (base.result.requests.average + baseAgain.result.requests.average) / 2;
    await new Promise((r) => setTimeout(r, 3_000));
    const lags = [...createdAt]
      .filter(([id]) => eventAt.has(id))
      .map(([id, t]) => (eventAt.get(id) as number) - t)
      .sort((a, b) => a - b);
    const missing = createdAt.size - lags.length;

    log('');
    log(`## POST referral, ${CONNECTIONS} connections, ${SECONDS} s each`);
    log(`baseline Fastify + pg (1 statement)      ${fmt(base.result)}  RSS ${base.peak[0].toFixed(0)} MB`);
    log(`  ${baseCpu.line}`);
    log(
      `baseline again, after the real path       ${fmt(baseAgain.result)}  RSS ${baseAgain.peak[0].toFixed(0)} MB`,
    );
    log(`  ${baseAgainCpu.line}`);
    log(`floor: bare Fastify → NATS → bare pg (same 1 statement) ${fmt(floor)}`);
    log(`  ${floorCpu.line}`);
    log(
      `gateway → NATS → intake (+outbox)         ${fmt(real.result)}  RSS gateway ${real.peak[0].toFixed(0)} MB, intake ${real.peak[1].toFixed(0)} MB`,
    );
    log(`  ${realCpu.line}`);
    log(
      `intake alone (NATS request/reply)        ${Math.round(rpcLatencies.length / SECONDS)
        .toString()
        .padStart(6)} req/s  p50 ${percentile(rpcLatencies, 50).toFixed(0).padStart(4)} ms  p99 ${percentile(
        rpcLatencies,
        99,
      )
        .toFixed(0)
        .padStart(4)} ms  RSS intake ${rpcRun.peak[0].toFixed(0)} MB`,
    );
    log(
      `ratio of baseline throughput (mean of its two runs): ${((real.result.requests.average / baselineRps) * 100).toFixed(0)}% (target ≥ 50%), p99 ${real.result.latency.p99} ms (target ≤ 50 ms); the floor reaches ${((floor.requests.average / baselineRps) * 100).toFixed(0)}%`,
    );
    log(
      `event propagation 201 → received event on NATS: p50 ${percentile(lags, 50).toFixed(1)} ms  p99 ${percentile(lags, 99).toFixed(1)} ms  (${lags.length} events, ${missing} not seen in 3 s; target p99 ≤ 200 ms)`,
    );
    await nc.drain();
    gateway.kill('SIGTERM');
    intake.kill('SIGTERM');

    // ---- CSV import -------------------------------------------------------------------------
    const dir = mkdtempSync(join(tmpdir(), 'bench-csv-'));
    const file = join(dir, 'referrals.csv');
    await writeCsv(file, ROWS, 0, `I${tag}`);
    await db.query(
      `CREATE TABLE bench_baseline.import_raw (source_id text, nhs_number text, given_name text, family_name text, date_of_birth text, postcode text, referrer_type text, reasons text, consent_given_by text, consent_method text, consent_recorded_at text, safeguarding text, cold_or_damp text, fuel_debt text, note text)`,
    );
    const rawStarted = performance.now();
    const parser = new CsvRowParser();
    let batch: string[][] = [];
    let header = true;
    const flush = async () => {
      if (!batch.length) return;
      const params = batch.flat();
      const tuples = batch.map(
        (_, i) => `(${Array.from({ length: 15 }, (_, k) => `$${i * 15 + k + 1}`).join(',')})`,
      );
      await db.query(`INSERT INTO bench_baseline.import_raw VALUES ${tuples.join(',')}`, params);
      batch = [];
    };
    for await (const chunk of createReadStream(file, 'utf8')) {
      for (const row of parser.push(chunk as string)) {
        if (header) {
          header = false;
          continue;
        }
        batch.push(row);
        if (batch.length === 1000) await flush();
      }
    }
    for (const row of parser.end()) batch.push(row);
    await flush();
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    const importEnv = { ...common, LOG_LEVEL: 'error' };
    const cli = spawn(process.execPath, ['tools/linkway.js', 'import', 'referrals', file, '--hub', HUB], {
      cwd: ROOT,
      env: { ...process.env, ...importEnv },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(cli);
    let summary = '';
    cli.stdout!.on('data', (d) => (summary += String(d)));
    const importStarted = performance.now();
    // linkway.js spawns the CLI; sample the whole process tree's largest member
    const peak = { mb: 0 };
    const timer = setInterval(() => {
      for (const pid of treePids(cli.pid!)) peak.mb = Math.max(peak.mb, rssMb(pid));
    }, 100);
    const code = await new Promise<number | null>((r) => cli.once('exit', r));
    clearInterval(timer);
    const importSeconds = (performance.now() - importStarted) / 1000;
    log('');
    log(`## CSV import, ${ROWS} rows`);
    log(
      `raw batched INSERT (1000 rows/statement)  ${rawSeconds.toFixed(1)} s  ${Math.round(ROWS / rawSeconds)} rows/s`,
    );
    log(
      `linkway import referrals (exit ${code})     ${importSeconds.toFixed(1)} s  ${Math.round(ROWS / importSeconds)} rows/s  peak RSS ${peak.mb.toFixed(0)} MB (targets ≤ 30 s, ≤ 300 MB)`,
    );
    log(`  ${summary.trim()}`);
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await db.end();
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_500));
    await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
    await admin.end();
    rmSync(natsDir, { recursive: true, force: true });
  }
}

/** pid and its descendants (from /proc), for RSS of `linkway.js` → CLI. */
function treePids(root: number): number[] {
  const out = [root];
  try {
    const children = readFileSync(`/proc/${root}/task/${root}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    for (const child of children) out.push(...treePids(child));
  } catch {
    // exited
  }
  return out;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(1);
  },
);
