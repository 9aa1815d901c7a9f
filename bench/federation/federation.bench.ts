/*
 * Federation bench: 10 hubs × 100,000 synthetic cases (seeded), reduced to monthly snapshots
 * and streamed through real leaf nodes (one nats-server per hub, domain = hub id) into the ICS
 * (domain ics), consumed by the federation app running as its own process.
 *
 *   node tools/run.js bench/federation/federation.bench.ts
 *   BENCH_HUBS=10 BENCH_CASES=100000 BENCH_OUTAGE_S=300 node tools/run.js bench/federation/federation.bench.ts
 *
 * Prints: ingest time, dashboard query p50/p99 (cached and uncached) beside a baseline route
 * (auth + routing only), catch-up after an ICS outage, publish→report latency p50/p99, app RSS.
 */
import { readFileSync } from 'node:fs';
import { hubSnapshotSubject, type HubSnapshotV1 } from '@linkway/contracts';
import { ensureFederationOut, federationOutSpec, jetStreamManager } from '@linkway/messaging';
import { waitUntil } from '@linkway/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { DEMO_HUBS, type HubProfile, syntheticSnapshot } from '../../apps/federation/src/demo/synthetic';
import { FederationHarness } from '../../apps/federation/src/test-fixtures/federation-harness';

const HUBS = Number(process.env.BENCH_HUBS ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 30);
const MONTHS = 12;
const codec = JSONCodec<HubSnapshotV1>();

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const fmt = (values: number[]) =>
  `p50 ${pct(values, 50).toFixed(1)} ms  p99 ${pct(values, 99).toFixed(1)} ms  (n=${values.length})`;
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main() {
  const ids = Array.from({ length: HUBS }, (_, i) => `hub${i + 1}`);
  const profiles: HubProfile[] = ids.map((hubId, i) => ({
    ...DEMO_HUBS[i % DEMO_HUBS.length],
    hubId,
    hubName: `Bench hub ${i + 1}`,
  }));
  console.log(`federation bench: ${HUBS} hubs × ${CASES} cases, ${MONTHS} monthly snapshots per hub`);

  let t = Date.now();
  const snapshots = profiles.flatMap((p) =>
    Array.from({ length: MONTHS }, (_, m) =>
      syntheticSnapshot(p, { year: 2026, month: m + 1, cases: Math.round(CASES / MONTHS) }),
    ),
  );
  console.log(
    `aggregated ${HUBS * CASES} synthetic cases into ${snapshots.length} snapshots in ${Date.now() - t} ms (avg ${Math.round(JSON.stringify(snapshots).length / snapshots.length)} bytes each)`,
  );

  const h = await FederationHarness.start(ids);
  try {
    h.cli(['seed-demo', '--json']);
    await h.startApp({ FEDERATION_ACK_WAIT_MS: '5000' });
    const admin = await h.login('admin@ics.linkway.test');
    const analyst = await h.login('ics_analyst@ics.linkway.test');
    for (const p of profiles) {
      const res = await fetch(h.url('/api/v1/hubs'), {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          id: p.hubId,
          name: p.hubName,
          archetype: p.archetype,
          integrationModel: p.integrationModel,
          population: p.population,
        }),
      });
      if (res.status >= 300) throw new Error(`register ${p.hubId}: ${res.status}`);
    }
    const conns = new Map<string, NatsConnection>();
    for (const id of ids) {
      const nc = await connect({ servers: h.topology.hubs[id].url, maxReconnectAttempts: -1 });
      await ensureFederationOut(await jetStreamManager(nc, id), federationOutSpec({ hubId: id }));
      conns.set(id, nc);
    }
    const publish = (s: HubSnapshotV1) =>
      (conns.get(s.hubId) as NatsConnection)
        .jetstream({ domain: s.hubId })
        .publish(hubSnapshotSubject(s.hubId), codec.encode(s), {
          msgID: `${s.hubId}:${s.period.key}:v${s.version}`,
        });
    const stored = async (version?: number) =>
      (
        await h.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM federation.hub_snapshot ${version ? `WHERE version = ${version}` : ''}`,
        )
      )[0].n;

    // 1. ingest
    t = Date.now();
    await Promise.all(snapshots.map(publish));
    const published = Date.now() - t;
    await waitUntil(async () => (await stored()) === snapshots.length, {
      what: 'all snapshots applied',
      timeoutMs: 300_000,
      intervalMs: 20,
    });
    console.log(
      `ingest: ${snapshots.length} snapshots published in ${published} ms, all applied at the ICS in ${Date.now() - t} ms`,
    );

    // 2. dashboard queries
    const get = async (path: string) => {
      const s = performance.now();
      const res = await fetch(h.url(path), { headers: { authorization: `Bearer ${analyst}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return performance.now() - s;
    };
    const names = [
      'overview',
      'referrals-by-source',
      'outcomes',
      'health-use',
      'home-environment',
      'partner-feedback',
      'compare-integration-model',
      'compare-archetype',
      'trends',
    ];
    const baseline: number[] = [];
    for (let i = 0; i < 300; i++) baseline.push(await get('/api/v1/reports'));
    const cached: number[] = [];
    for (let i = 0; i < 300; i++) cached.push(await get(`/api/v1/reports/${names[i % names.length]}`));
    const uncached: number[] = [];
    for (let from = 1; from <= 12; from++) {
      for (const name of names)
        uncached.push(
          await get(`/api/v1/reports/${name}?from=2026-${String(from).padStart(2, '0')}&to=2026-12`),
        );
    }
    console.log(`baseline GET /api/v1/reports (auth + routing): ${fmt(baseline)}`);
    console.log(`dashboard reports, cached:                   ${fmt(cached)}`);
    console.log(`dashboard reports, uncached (new range):     ${fmt(uncached)}`);

    // 3. ICS outage while hubs keep publishing corrected versions
    await h.topology.ics.stop();
    const outageStart = Date.now();
    await Promise.all(snapshots.map((s) => publish({ ...s, version: 2 })));
    console.log(
      `ICS down: hubs published ${snapshots.length} corrected snapshots in ${Date.now() - outageStart} ms (all acknowledged by their own leaf)`,
    );
    const wait = OUTAGE_S * 1000 - (Date.now() - outageStart);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const back = Date.now();
    await h.topology.ics.start();
    await waitUntil(async () => (await stored(2)) === snapshots.length, {
      what: 'catch-up',
      timeoutMs: 300_000,
      intervalMs: 20,
    });
    console.log(
      `catch-up after a ${OUTAGE_S} s ICS outage: ${Date.now() - back} ms from restart until all ${snapshots.length} corrected snapshots applied`,
    );

    // 4. publish → report latency
    const latencies: number[] = [];
    const overviewReceived = async () =>
      (
        (await (
          await fetch(h.url('/api/v1/reports/overview'), { headers: { authorization: `Bearer ${analyst}` } })
        ).json()) as { ics: { counts: { received: number } } }
      ).ics.counts.received;
    let base = snapshots.find((s) => s.hubId === 'hub1' && s.period.key === '2026-06') as HubSnapshotV1;
    for (let i = 0; i < 50; i++) {
      const before = await overviewReceived();
      base = {
        ...base,
        version: 3 + i,
        referrals: { ...base.referrals, received: base.referrals.received + 1000 },
      };
      const s = performance.now();
      await publish(base);
      await waitUntil(async () => (await overviewReceived()) !== before, {
        what: 'report changed',
        intervalMs: 2,
        timeoutMs: 30_000,
      });
      latencies.push(performance.now() - s);
    }
    console.log(`publish at a hub → ICS report changed: ${fmt(latencies)}`);
    console.log(`federation app RSS: ${rssMb(h.app?.pid as number).toFixed(0)} MB`);
    for (const nc of conns.values()) await nc.close();
  } finally {
    await h.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
