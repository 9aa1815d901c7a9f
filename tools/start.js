#!/usr/bin/env node
// `npm start`: a whole demo ICS on this machine. Infra (reused or started), then for each
// hub its gateway and four services, then the federation; waits for every /health, seeds
// the demo (accounts, each hub's directory and practitioners, the ICS registry and past
// months), prints where everything is. Ctrl-C stops all of it.
//
//   node tools/start.js [--hubs 1..3] [--keep]     --keep leaves the infra servers running
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureDependencies } = require('./lib/deps');
const { ROOT, HOST, FEDERATION_PORT } = require('./lib/layout');

// three hubs of different archetypes and home-environment models (infra/demo/hubN-profile.json)
const DEFAULT_HUBS = 3;
const HEALTH_TIMEOUT_MS = Number(process.env.LINKWAY_START_TIMEOUT_MS || 180_000);
const REGISTER = ['-r', './tools/register.js'];
const { SERVICE_NODE_FLAGS } = require('./lib/node-flags');

const log = (line) => console.log(`[start] ${line}`);

async function main(argv) {
  ensureDependencies();
  const infraLib = require('./infra');
  const { appPlan, healthUrl } = require('./lib/plan');
  const { Supervisor } = require('./lib/supervisor');

  const hubs = infraLib.parseHubs(argv, DEFAULT_HUBS);
  const keep = argv.includes('--keep');
  const supervisor = new Supervisor();
  let infra = null;
  let stopping = null;

  const shutdown = (code) => {
    if (!stopping) {
      stopping = (async () => {
        log('stopping apps…');
        await supervisor.stopAll();
        if (infra && !keep) await infra.stop();
        else if (infra && infra.started.length) log('--keep: infra servers left running; stop them with `node tools/infra.js down`');
        log('stopped');
        process.exit(code);
      })();
    }
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(0));

  try {
    infra = await infraLib.up({ hubs });
    if (stopping) return;
    const plan = appPlan(infra);
    const missing = plan.filter((p) => !fs.existsSync(mainFile(p.app)));
    for (const m of new Set(missing.map((p) => p.app))) log(`warning: ${path.relative(ROOT, mainFile(m))} does not exist yet: not starting ${m}`);
    const runnable = plan.filter((p) => !missing.includes(p));
    await assertPortsFree(runnable);
    buildWebIfStale();

    log(`starting ${runnable.length} apps for ${hubs} hub(s) and the federation…`);
    const started = runnable.map((p) => ({ entry: p, app: supervisor.start(p.label, [...SERVICE_NODE_FLAGS, ...REGISTER, path.relative(ROOT, mainFile(p.app))], { ...process.env, ...p.env }) }));
    await Promise.all(started.map(({ entry, app }) => supervisor.waitHealthy(app, healthUrl(entry), HEALTH_TIMEOUT_MS)));
    if (stopping) return;

    const logins = seedDemoAccounts(infra.hubs, plan);
    seedDemoData(infra.hubs, plan, logins);
    const icsLogins = seedFederation(plan);
    printSummary(infra, runnable, [...logins, ...icsLogins]);
  } catch (error) {
    console.error(`\n[start] ${error.message}\n`);
    await shutdown(1);
  }
}

/** A taken app port is almost always a second `npm start`: say so before ten apps fail. */
async function assertPortsFree(entries) {
  const { isPortFree } = require('./lib/ports');
  const taken = [];
  for (const e of entries) if (!(await isPortFree(e.port, HOST))) taken.push(`${e.port} (${e.label})`);
  if (taken.length) throw new Error(`port(s) already in use: ${taken.join(', ')}. Is another \`npm start\` running? Stop it first.`);
}

/** The gateway serves apps/web/dist: build it when missing or older than its sources. */
function buildWebIfStale() {
  const web = path.join(ROOT, 'apps', 'web');
  if (!fs.existsSync(path.join(web, 'project.json'))) return;
  const built = path.join(web, 'dist', 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const newest = newestMtime(path.join(web, 'src'));
  if (builtAt && builtAt >= newest) return;
  log(builtAt ? 'web UI sources changed: rebuilding apps/web' : 'building the web UI (apps/web) once…');
  const nx = path.join(ROOT, 'node_modules', '.bin', 'nx');
  const result = spawnSync(nx, ['run', 'web:build', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' } });
  if (result.status !== 0) log('warning: building the web UI failed: the gateways will serve the API without it');
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath || entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

function mainFile(app) {
  return path.join(ROOT, 'apps', app, 'src', 'main.ts');
}

/**
 * The gateway's own CLI creates one account per role (idempotent; it resets the demo
 * passwords). The password comes from LINKWAY_DEMO_PASSWORD, else the CLI's demo default.
 */
function seedDemoAccounts(hubs, plan) {
  const cli = path.join(ROOT, 'apps', 'gateway', 'src', 'cli.ts');
  if (!fs.existsSync(cli)) {
    log('warning: apps/gateway/src/cli.ts does not exist yet: no demo accounts seeded');
    return [];
  }
  const rows = [];
  for (const hub of hubs) {
    const gateway = plan.find((p) => p.hub === hub.id && p.app === 'gateway');
    const result = spawnSync(process.execPath, [...REGISTER, path.relative(ROOT, cli), 'seed-demo', '--hub', hub.id, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...gateway.env },
      timeout: 120_000,
    });
    try {
      if (result.status !== 0) throw new Error(`exit ${result.status}: ${(result.stderr || result.stdout || '').trim()}`);
      for (const row of JSON.parse(result.stdout.trim().split('\n').pop())) rows.push({ ...row, url: `http://${HOST}:${gateway.port}` });
    } catch (error) {
      log(`warning: seeding demo accounts for ${hub.id} failed (${error.message})`);
    }
  }
  return rows;
}

/** Runs an app's CLI with that app's environment; returns stdout, or null after a warning. */
function runCli(entry, args, env, what) {
  const result = spawnSync(process.execPath, [...REGISTER, entry, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 180_000,
  });
  if (result.status === 0) return result.stdout;
  log(`warning: ${what} failed (exit ${result.status}): ${(result.stderr || result.stdout || '').trim().split('\n').slice(-3).join(' | ')}`);
  return null;
}

/**
 * Each hub's directory from its demo ORUK feed, and its demo link worker onboarded as a
 * practitioner so accepted referrals are allocated. Both commands are idempotent.
 */
function seedDemoData(hubs, plan, logins) {
  for (const hub of hubs) {
    const env = (app) => plan.find((p) => p.hub === hub.id && p.app === app).env;
    const feed = path.join('apps', 'partner-directory', 'src', 'data', `demo-feed-${hub.id}.json`);
    if (fs.existsSync(path.join(ROOT, feed))) {
      const ok = runCli('apps/partner-directory/src/cli.ts', ['import', feed, '--hub', hub.id], env('partner-directory'), `${hub.id} directory import`);
      if (ok !== null) log(`${hub.id}: directory loaded from ${feed}`);
    }
    const worker = logins.find((l) => l.hub === hub.id && l.role === 'link_worker');
    if (!worker || !worker.id) continue;
    const file = path.join(os.tmpdir(), `linkway-${hub.id}-practitioners.json`);
    const practitioner = { accountId: worker.id, name: `Demo link worker (${hub.id})`, role: 'link_worker', hoursPerWeek: 37.5, startedOn: '2025-09-01', training: [{ course: 'home_environment_schemes', completedOn: '2025-10-15' }] };
    fs.writeFileSync(file, JSON.stringify([practitioner]));
    const ok = runCli('apps/casework/src/cli.ts', ['practitioners-import', file, '--hub', hub.id], env('casework'), `${hub.id} practitioner onboarding`);
    fs.rmSync(file, { force: true });
    if (ok !== null) log(`${hub.id}: ${worker.email} onboarded as a practitioner`);
  }
}

/** The ICS accounts and registry, and synthetic past months so comparisons show differences. */
function seedFederation(plan) {
  const federation = plan.find((p) => p.app === 'federation');
  const out = runCli('apps/federation/src/cli.ts', ['seed-demo', '--json', '--with-snapshots'], federation.env, 'federation demo seed');
  if (out === null) return [];
  try {
    return JSON.parse(out.trim().split('\n').pop()).map((row) => ({ hub: 'ics', ...row, url: `http://${HOST}:${federation.port}` }));
  } catch (error) {
    log(`warning: could not read the federation seed's output (${error.message})`);
    return [];
  }
}

function table(rows, headers) {
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(headers.map((h) => r[h])))].join('\n');
}

function printSummary(infra, runnable, logins) {
  const lines = ['', '================ Linkway is running ================', ''];
  for (const hub of infra.hubs) {
    const gw = runnable.find((p) => p.hub === hub.id && p.app === 'gateway');
    const services = runnable.filter((p) => p.hub === hub.id && p.app !== 'gateway').map((p) => `${p.app} :${p.port}`);
    lines.push(`${hub.id}:`);
    if (gw) lines.push(`  gateway   http://${HOST}:${gw.port}/api/v1   API docs http://${HOST}:${gw.port}/api/docs`);
    lines.push(`  services  ${services.join(', ')} (GET /health)`);
    lines.push(`  NATS ${hub.natsUrl} (JetStream domain ${hub.jsDomain}), DB ${hub.databaseUrl}, Redis prefix ${hub.redisPrefix}`);
  }
  if (runnable.some((p) => p.app === 'federation')) lines.push(`federation  http://${HOST}:${FEDERATION_PORT}   (ICS NATS ${infra.ics.url}, domain ics)`);
  lines.push('');
  if (logins.length) {
    lines.push('Demo accounts (POST /api/v1/auth/login with {"email","password"}; password from LINKWAY_DEMO_PASSWORD):');
    lines.push(table(logins, ['hub', 'role', 'email', 'password', 'url']));
    lines.push('');
  }
  lines.push('Ctrl-C stops every app and the servers this command started.');
  console.log(lines.join('\n'));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`[start] ${error.stack || error.message}`);
  process.exit(1);
});
