/**
 * Casework benchmark (not a test): `node tools/run.js bench/casework/bench.ts [--cases 5000] [--onward 300]`
 *
 * 1. Allocation: N accepted-referral events published to JetStream → cases opened and allocated
 *    by casework (inbox dedupe, allocation choice under row locks, pathway, outbox event), beside
 *    a baseline in the same run: a bare JetStream pull consumer inserting one row per message.
 *    Throughput and publish→case latency p50/p99.
 * 2. Onward referral create over NATS request/reply (service lookup, capacity reserve at the
 *    real partner directory, transaction with trail and event), sequential, p50/p99, beside the
 *    directory's capacity reserve alone.
 * Private nats-server and a fresh database, dropped at the end. Prints ::figure lines for bench/run-all.js.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { AckPolicy, connect, StringCodec } from 'nats';
import { Client } from 'pg';
import {
  CASEWORK_ONWARD_REFERRAL_CREATE_V1,
  CASEWORK_PLAN_SAVE_V1,
  CASEWORK_PRACTITIONER_SAVE_V1,
  DIRECTORY_CAPACITY_RESERVE_V1,
  DIRECTORY_ORGANIZATION_SAVE_V1,
  DIRECTORY_SERVICE_SAVE_V1,
} from '@linkway/contracts';
import { RequestClient } from '@linkway/messaging';

/** Services run with the node flags they ship with (npm start, Docker, the harness), plus BENCH_NODE_FLAGS. */
const { benchServiceFlags } = require('../../tools/lib/node-flags.js') as { benchServiceFlags: () => string[] };

const ROOT = resolve(__dirname, '../..');
const { values } = parseArgs({
  options: { cases: { type: 'string', default: '5000' }, onward: { type: 'string', default: '300' } },
});
const CASES = Number(values.cases);
const ONWARD = Number(values.onward);
const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const tag = randomBytes(3).toString('hex');
const HUB = `bench${tag}`;
const DB = `linkway_${HUB}`;
const DB_URL = `${PG}/${DB}`;
const sc = StringCodec();
const children: ChildProcess[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
const figure = (f: Record<string, string>) => log(`::figure ${JSON.stringify(f)}`);
const MANAGER = { accountId: 'bench', role: 'hub_manager' };

function start(name: string, file: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...benchServiceFlags(), 'tools/run.js', file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start`)), 60_000);
    const tail: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (/service started/.test(line)) {
          clearTimeout(timer);
          ok(child);
        }
      });
    }
    child.once('exit', (code) => fail(new Error(`${name} exited ${code}\n${tail.join('\n')}`)));
  });
}

const rssMb = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
};
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const waitFor = async (check: () => Promise<boolean>, timeoutMs = 600_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

function acceptedEvent(i: number) {
  return {
    referralId: randomUUID(),
    personId: randomUUID(),
    hubId: HUB,
    status: 'accepted',
    channel: 'api',
    queue: i % 5 === 0 ? 'specialist_navigator' : 'general',
    needs: ['isolation'],
    referrerType: 'gp_practice',
    homeScreen: i % 5 === 0 ? ['cold_or_damp'] : [],
    integrationModel: 'embedded_specialist',
    safeguarding: false,
    identityFollowUp: false,
    snomedCodes: [],
    declineReason: null,
    occurredAt: new Date().toISOString(),
  };
}

async function main() {
  log(
    `# bench/casework  ${new Date().toISOString()}  ${cpus().length} × ${cpus()[0]?.model}  ${(totalmem() / 2 ** 30).toFixed(1)} GiB  node ${process.version}`,
  );
  const admin = new Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${DB}"`);
  const natsDir = mkdtempSync(join(tmpdir(), 'bench-nats-'));
  const natsPort = 4900 + Math.floor(Math.random() * 90);
  children.push(
    spawn('nats-server', ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', natsDir], {
      stdio: 'ignore',
    }),
  );
  const NATS = `nats://127.0.0.1:${natsPort}`;
  await new Promise((r) => setTimeout(r, 500));
  const db = new Client({ connectionString: DB_URL });
  await db.connect();
  const nc = await connect({ servers: NATS });
  const js = nc.jetstream();
  const jsm = await nc.jetstreamManager();
  const requests = new RequestClient(nc, { NATS_REQUEST_TIMEOUT_MS: 30_000 });
  try {
    // ---- baseline: a bare pull consumer inserting one row per message -----------------------
    await db.query(
      `CREATE SCHEMA bench_baseline; CREATE TABLE bench_baseline.case_row (id uuid PRIMARY KEY, referral_id uuid UNIQUE, opened_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    await jsm.streams.add({ name: 'BENCH', subjects: ['bench.>'] });
    await jsm.consumers.add('BENCH', { durable_name: 'bench', ack_policy: AckPolicy.Explicit });
    const baseTimes = new Map<string, number>();
    const consumer = await js.consumers.get('BENCH', 'bench');
    const messages = await consumer.consume({ max_messages: 256 });
    void (async () => {
      for await (const m of messages) {
        const e = JSON.parse(sc.decode(m.data));
        await db.query(
          `INSERT INTO bench_baseline.case_row (id, referral_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [randomUUID(), e.referralId],
        );
        m.ack();
      }
    })();
    const baseStart = performance.now();
    await Promise.all(
      Array.from({ length: CASES }, async (_, i) => {
        const e = acceptedEvent(i);
        baseTimes.set(e.referralId, Date.now());
        await js.publish('bench.accepted', sc.encode(JSON.stringify(e)));
      }),
    );
    await waitFor(
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM bench_baseline.case_row`)).rows[0].n >= CASES,
    );
    const baseSeconds = (performance.now() - baseStart) / 1000;
    messages.stop();

    // ---- casework ---------------------------------------------------------------------------
    const common = {
      DATABASE_URL: DB_URL,
      NATS_URL: NATS,
      REDIS_URL: REDIS,
      REDIS_PREFIX: `bench:${tag}`,
      HUB_ID: HUB,
      LOG_LEVEL: 'log',
      PORT: '0',
    };
    const casework = await start('casework', 'apps/casework/src/main.ts', { ...common, DB_POOL_SIZE: '10' });
    const directory = await start('partner-directory', 'apps/partner-directory/src/main.ts', common);
    for (let i = 0; i < 50; i += 1) {
      await requests.request(CASEWORK_PRACTITIONER_SAVE_V1, {
        actor: MANAGER,
        accountId: `acct-${i}`,
        name: `Practitioner ${i}`,
        role: i < 10 ? 'specialist_navigator' : 'link_worker',
        hoursPerWeek: 37.5,
        caseloadCapacity: Math.ceil(CASES / 25),
        startedOn: '2025-01-01',
      });
    }
    const sentAt = new Map<string, number>();
    const peak = { mb: 0 };
    const timer = setInterval(() => (peak.mb = Math.max(peak.mb, rssMb(casework.pid ?? 0))), 100);
    const cwStart = performance.now();
    await Promise.all(
      Array.from({ length: CASES }, async (_, i) => {
        const e = acceptedEvent(i);
        sentAt.set(e.referralId, Date.now());
        await js.publish('evt.intake.referral.accepted.v1', sc.encode(JSON.stringify(e)), {
          msgID: randomUUID(),
        });
      }),
    );
    await waitFor(
      async () => (await db.query(`SELECT count(*)::int AS n FROM casework.person_case`)).rows[0].n >= CASES,
    );
    const cwSeconds = (performance.now() - cwStart) / 1000;
    clearInterval(timer);
    const { rows } = await db.query<{ referral_id: string; opened: Date; allocated: boolean }>(
      `SELECT referral_id, opened_at AS opened, practitioner_id IS NOT NULL AS allocated FROM casework.person_case`,
    );
    const lat = rows
      .map((r) => new Date(r.opened).getTime() - (sentAt.get(r.referral_id) ?? 0))
      .sort((a, b) => a - b);
    const baseRows = (
      await db.query<{ referral_id: string; opened_at: Date }>(
        `SELECT referral_id, opened_at FROM bench_baseline.case_row`,
      )
    ).rows;
    const baseLat = baseRows
      .map((r) => new Date(r.opened_at).getTime() - (baseTimes.get(r.referral_id) ?? 0))
      .sort((a, b) => a - b);
    log('');
    log(`## allocation: ${CASES} accepted-referral events → cases`);
    log(
      `baseline (bare pull consumer, one INSERT per message)  ${Math.round(CASES / baseSeconds)} msg/s  publish→row p50 ${pct(baseLat, 50)} ms  p99 ${pct(baseLat, 99)} ms`,
    );
    log(
      `casework (inbox, allocation under locks, outbox event)  ${Math.round(CASES / cwSeconds)} cases/s  publish→case p50 ${pct(lat, 50)} ms  p99 ${pct(lat, 99)} ms  allocated ${rows.filter((r) => r.allocated).length}/${CASES}  peak RSS ${peak.mb.toFixed(0)} MB`,
    );
    figure({
      figure: 'casework allocation throughput',
      value: `${Math.round(CASES / cwSeconds)} cases/s`,
      baseline: `${Math.round(CASES / baseSeconds)} msg/s`,
      ratio: (baseSeconds / cwSeconds).toFixed(2),
      target: '',
    });
    figure({
      figure: 'casework publish→case p99',
      value: `${pct(lat, 99)} ms`,
      baseline: `${pct(baseLat, 99)} ms`,
      ratio: '',
      target: '',
    });

    // ---- onward referral create -------------------------------------------------------------
    const org = await requests.request(DIRECTORY_ORGANIZATION_SAVE_V1, {
      name: 'Bench partner',
      description: 'bench',
    });
    const service = (
      await requests.request(DIRECTORY_SERVICE_SAVE_V1, {
        service: {
          organizationId: org.id,
          name: 'Bench service',
          status: 'active',
          referral: { route: 'in_platform' },
          capacity: { accepting: 'yes' },
        },
      })
    ).service;
    const caseIds = (
      await db.query<{ id: string }>(`SELECT id FROM casework.person_case LIMIT $1`, [ONWARD])
    ).rows.map((r) => r.id);
    for (const caseId of caseIds) {
      await requests.request(CASEWORK_PLAN_SAVE_V1, {
        actor: MANAGER,
        caseId,
        goals: [{ goal: 'g', whyItMatters: 'w', steps: [], whoHelps: [], status: 'not_started' }],
      });
    }
    const reserveMs: number[] = [];
    for (let i = 0; i < caseIds.length; i += 1) {
      const t = performance.now();
      await requests.request(DIRECTORY_CAPACITY_RESERVE_V1, {
        serviceId: service.id,
        idempotencyKey: `bench-${tag}-${i}`,
      });
      reserveMs.push(performance.now() - t);
    }
    const onwardMs: number[] = [];
    for (const caseId of caseIds) {
      const t = performance.now();
      await requests.request(CASEWORK_ONWARD_REFERRAL_CREATE_V1, {
        actor: MANAGER,
        caseId,
        directoryServiceId: service.id,
        consentToShare: true,
        idempotencyKey: randomUUID(),
      });
      onwardMs.push(performance.now() - t);
    }
    reserveMs.sort((a, b) => a - b);
    onwardMs.sort((a, b) => a - b);
    log('');
    log(`## onward referral create, ${caseIds.length} sequential requests`);
    log(
      `baseline (directory.capacity.reserve.v1 alone)  p50 ${pct(reserveMs, 50).toFixed(1)} ms  p99 ${pct(reserveMs, 99).toFixed(1)} ms`,
    );
    log(
      `casework.onward_referral.create.v1             p50 ${pct(onwardMs, 50).toFixed(1)} ms  p99 ${pct(onwardMs, 99).toFixed(1)} ms`,
    );
    figure({
      figure: 'onward referral create p50',
      value: `${pct(onwardMs, 50).toFixed(1)} ms`,
      baseline: `${pct(reserveMs, 50).toFixed(1)} ms (reserve alone)`,
      ratio: (pct(onwardMs, 50) / pct(reserveMs, 50)).toFixed(2),
      target: '',
    });
    void directory;
  } finally {
    await nc.drain().catch(() => undefined);
    await db.end();
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_500));
    await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
    // the run's chaser jobs (7- and 14-day delays) would otherwise stay in Redis
    const queue = new Queue('casework-onward-chaser', {
      connection: { url: REDIS, maxRetriesPerRequest: null },
      prefix: `bench:${tag}:bull`,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await admin.end();
    rmSync(natsDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  process.exit(1);
});
