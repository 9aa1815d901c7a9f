/**
 * One hub's memory and start-up, for `npm run bench` (bench/run-all.js):
 *  - start-up: from spawning the hub's processes (gateway and every hub service whose
 *    main.ts exists) to every GET /health green, on servers of its own; and, when the demo
 *    ports are free, `npm start -- --hubs 1` until it prints "Linkway is running";
 *  - RSS of each process after start and after an intake load (autocannon POST /referrals);
 *    target: a whole hub's services together ≤ 600 MB.
 *
 *   node tools/run.js bench/run-all.hub.ts [--seconds 10] [--connections 20]
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AppName,
  referralBody,
  ROOT,
  runSalt,
  startHub,
  startNats,
  startPostgresCluster,
  startRedis,
  tcpOpen,
} from '../test/harness';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } },
});
const figure = (f: {
  figure: string;
  value: string | number;
  baseline?: string | number;
  ratio?: string;
  target?: string;
}) =>
  console.log(
    `::figure ${JSON.stringify({ baseline: '', ratio: '', target: '', ...f, value: String(f.value), ...(f.baseline !== undefined ? { baseline: String(f.baseline) } : {}) })}`,
  );

async function hubFigures() {
  const [pg, nats, redis] = await Promise.all([startPostgresCluster(), startNats(), startRedis()]);
  const services = (['referral-intake', 'partner-directory', 'casework', 'outcomes'] as AppName[]).filter(
    (s) => existsSync(join(ROOT, 'apps', s, 'src', 'main.ts')),
  );
  const salt = runSalt();
  const t0 = Date.now();
  const hub = await startHub({
    hubId: `benchhub${salt}`,
    pg,
    natsUrl: nats.url,
    redisUrl: redis.url,
    services,
    env: { LOG_LEVEL: 'warn' },
  });
  const startSeconds = (Date.now() - t0) / 1000;
  console.log(
    `hub of ${hub.processes().length} processes (${hub
      .processes()
      .map((p) => p.name)
      .join(', ')}) healthy ${startSeconds.toFixed(1)} s after spawn (includes seeding demo accounts)`,
  );
  figure({
    figure: `one hub start-up, spawn → all /health green (${hub.processes().length} processes)`,
    value: startSeconds.toFixed(1),
    target: '',
  });
  const rss = () =>
    hub.processes().map((p) => ({ name: p.name.replace(`-${hub.hubId}`, ''), mb: p.rssMb() }));
  const atStart = rss();
  try {
    const token = await hub.token('referrer');
    let i = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        {
          url: `${hub.gateway.url}/api/v1/referrals`,
          method: 'POST',
          connections: Number(values.connections),
          duration: Number(values.seconds),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          requests: [
            { setupRequest: (req) => ({ ...req, body: JSON.stringify(referralBody((i += 1), salt)) }) },
          ],
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      ),
    );
    console.log(
      `intake load: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, 2xx ${result['2xx']}, non-2xx ${result.non2xx}`,
    );
    const afterLoad = rss();
    console.table(
      atStart.map((p, k) => ({
        process: p.name,
        'RSS after start (MB)': p.mb.toFixed(0),
        'RSS after intake load (MB)': afterLoad[k].mb.toFixed(0),
      })),
    );
    for (const [k, p] of atStart.entries())
      figure({
        figure: `RSS ${p.name} after start / after intake load (MB)`,
        value: `${p.mb.toFixed(0)} / ${afterLoad[k].mb.toFixed(0)}`,
      });
    const total = (list: { mb: number }[]) => list.reduce((s, p) => s + p.mb, 0);
    figure({
      figure: `RSS whole hub (${atStart.length} processes) after start / after intake load (MB)`,
      value: `${total(atStart).toFixed(0)} / ${total(afterLoad).toFixed(0)}`,
      target: '≤ 600 MB',
    });
  } finally {
    await hub.stop();
    await Promise.all([nats.stop(), redis.stop()]);
    await pg.destroy();
  }
}

/** `npm start -- --hubs 1` on the demo ports, if nobody else holds them. */
async function npmStartFigure() {
  for (const port of [3000, 3100, 3200]) {
    if (await tcpOpen(port)) {
      console.log(`npm start not measured: port ${port} is in use (another engineer's demo?)`);
      figure({
        figure: 'npm start (1 hub) → all health checks green (s)',
        value: `not measured: port ${port} in use`,
      });
      return;
    }
  }
  const t0 = Date.now();
  const child = spawn('npm', ['start', '--', '--hubs', '1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const seconds = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => resolve('timed out after 300 s'), 300_000);
    const onData = (d: Buffer) => {
      out += String(d);
      if (out.includes('Linkway is running')) {
        clearTimeout(timer);
        resolve((Date.now() - t0) / 1000);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`exited ${code} before healthy`);
    });
  });
  // SIGINT to the whole group: start.js stops its apps and the infra it started
  try {
    process.kill(-child.pid!, 'SIGINT');
  } catch {
    // gone
  }
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  console.log(
    `npm start -- --hubs 1: ${typeof seconds === 'number' ? `${seconds.toFixed(1)} s to "Linkway is running"` : seconds}`,
  );
  if (typeof seconds !== 'number') console.log(out.slice(-2000));
  figure({
    figure: 'npm start (1 hub + federation) → all health checks green (s)',
    value: typeof seconds === 'number' ? seconds.toFixed(1) : seconds,
    target: '',
  });
}

async function main() {
  await hubFigures();
  await npmStartFigure();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
