#!/usr/bin/env node
// Local infrastructure without Docker: Postgres, Redis and NATS for tests and the demo.
//
//   node tools/infra.js up [--hubs N]   bring up what is missing and leave it running
//   node tools/infra.js down            stop every server this script started (.linkway/run)
//   node tools/infra.js status          what answers where
//
// As a module, start.js and test.js call up() and stop what it started on exit.
'use strict';
const layout = require('./lib/layout');
const { DEFAULT_PORTS, HOST, ICS_NATS_PORT, ICS_LEAF_PORT, ICS_HTTP_PORT, MAX_HUBS, hubId, hubPorts, dataPath } = layout;
const { resolveService, redact, withDatabase, LABELS, ENV_NAMES } = require('./lib/resolve');
const { whyNot, natsInfo } = require('./lib/probe');
const { preferredOrFreePort, isPortFree } = require('./lib/ports');
const { startPostgres, startRedis, startNats, startNatsWithConfig } = require('./lib/servers');
const { renderIcs, renderLeaf } = require('./lib/nats-config');
const { readRecords, stopRecord, isAlive, sleep } = require('./lib/daemon');

const DEFAULT_URLS = {
  postgres: `postgres://postgres@${HOST}:${DEFAULT_PORTS.postgres}`,
  redis: `redis://${HOST}:${DEFAULT_PORTS.redis}`,
  nats: `nats://${HOST}:${DEFAULT_PORTS.nats}`,
};
const STARTERS = { postgres: startPostgres, redis: startRedis, nats: startNats };

/** URLs of servers a previous `infra up` started and left running (they may be on other ports). */
function keptUrls(kind) {
  return readRecords()
    .filter((r) => r.name === kind && r.url && (!r.pid || isAlive(r.pid)))
    .map((r) => r.url);
}

async function resolveOne(kind, env, log) {
  const result = await resolveService(kind, {
    envUrl: env[ENV_NAMES[kind]],
    candidates: [DEFAULT_URLS[kind], ...keptUrls(kind)],
    start: async () => STARTERS[kind]({ port: await preferredOrFreePort(DEFAULT_PORTS[kind]) }),
  });
  const where = { env: 'from the environment', reused: 'reused (already answering)', started: `started here (data ${result.dataDir}, log ${result.record && result.record.log})` }[result.how];
  log(`[infra] ${LABELS[kind].padEnd(8)} ${redact(result.url)}  ${where}`);
  if (kind === 'nats' && result.how !== 'started') {
    // streams, outbox relay and inbox consumers all need JetStream; say so before a test does
    const info = await natsInfo(result.url).catch(() => null);
    if (info && !info.jetstream) log(`[infra] warning: NATS at ${redact(result.url)} runs without JetStream (start it with -js)`);
  }
  return result;
}

// ---------------------------------------------------------------- hub topology

/**
 * A topology NATS server is ours when it answers with the expected JetStream domain; a
 * port held by anything else is an error, since the hub ports are fixed by convention.
 */
async function resolveTopologyNats({ name, url, port, domain, config }, log) {
  const reason = await whyNot('nats', url);
  if (!reason) {
    const info = await natsInfo(url);
    if (info.domain !== domain) {
      throw new Error(`${url} is a NATS server with JetStream domain "${info.domain || ''}", expected "${domain}". Stop it (node tools/infra.js down) or free port ${port}.`);
    }
    log(`[infra] NATS     ${url}  ${name} reused (domain ${domain})`);
    return { url, how: 'reused' };
  }
  if (!(await isPortFree(port))) throw new Error(`port ${port} (${name}) is taken by something that is not NATS; free it to run the hub topology`);
  const started = await startNatsWithConfig({ name, config: config(), url });
  log(`[infra] NATS     ${url}  ${name} started (domain ${domain}, config ${started.record.config})`);
  return { url, how: 'started', record: started.record };
}

/** Waits for the leaf links so the federation streams can source from the hubs at once. */
async function waitForLeafs(count, log, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://${HOST}:${ICS_HTTP_PORT}/leafz`);
      seen = (await res.json()).leafnodes || 0;
      if (seen >= count) return seen;
    } catch {
      // monitoring port not up yet
    }
    await sleep(250);
  }
  log(`[infra] warning: only ${seen} of ${count} hub leaf links reached the ICS NATS; hubs still work alone`);
  return seen;
}

async function ensureDatabases(serverUrl, names) {
  // required here, not at the top: start.js/test.js load this file before `npm ci` may have run
  const { Client } = require('pg');
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    for (const name of names) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) continue;
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        if (error.code !== '42P04') throw error; // created meanwhile by someone else
      }
    }
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- up / down

/**
 * Brings up Postgres, Redis and (single mode) NATS, or with hubs > 0 the ICS NATS plus one
 * leaf per hub. Returns the URLs and stop(), which stops only what this call started.
 */
/**
 * @typedef {{ kind: string, url: string, how: 'env' | 'reused' | 'started', record?: any, dataDir?: string }} Resolved
 * @typedef {{ id: string, n: number, natsUrl: string, jsDomain: string, databaseUrl: string, redisUrl: string, redisPrefix: string }} HubInfra
 * @typedef {{ postgres: Resolved, redis: Resolved, nats?: Resolved, ics?: { url: string, how: string }, hubs: HubInfra[],
 *             federationDatabaseUrl?: string, started: any[], stop: () => Promise<void> }} InfraResult
 * @param {{ hubs?: number, env?: Record<string, string | undefined>, log?: (line: string) => void, databases?: string[] }} [options]
 * @returns {Promise<InfraResult>}
 */
async function up({ hubs = 0, env = process.env, log = console.log, databases = [] } = {}) {
  if (hubs && (!Number.isInteger(hubs) || hubs < 1 || hubs > MAX_HUBS)) throw new Error(`--hubs must be 1..${MAX_HUBS}`);
  const started = [];
  const track = (r) => {
    if (r.record) started.push(r.record);
    return r;
  };
  const result = /** @type {InfraResult} */ ({ started, hubs: [] });
  result.stop = () => stopRecords(started, log);
  try {
    result.postgres = track(await resolveOne('postgres', env, log));
    result.redis = track(await resolveOne('redis', env, log));
    if (!hubs) {
      result.nats = track(await resolveOne('nats', env, log));
    } else {
      const icsUrl = `nats://${HOST}:${ICS_NATS_PORT}`;
      result.ics = track(
        await resolveTopologyNats(
          { name: 'ics', url: icsUrl, port: ICS_NATS_PORT, domain: 'ics', config: () => renderIcs({ storeDir: dataPath('nats', 'ics') }) },
          log,
        ),
      );
      for (let n = 1; n <= hubs; n += 1) {
        const id = hubId(n);
        const port = hubPorts(n).natsClient;
        const nats = track(
          await resolveTopologyNats(
            { name: id, url: `nats://${HOST}:${port}`, port, domain: id, config: () => renderLeaf({ hub: id, storeDir: dataPath('nats', id) }) },
            log,
          ),
        );
        result.hubs.push({
          id,
          n,
          natsUrl: nats.url,
          jsDomain: id,
          databaseUrl: withDatabase(result.postgres.url, `linkway_${id}`),
          redisUrl: result.redis.url,
          // one Redis for all demo hubs, keys namespaced per hub (BullMQ prefix)
          redisPrefix: `linkway:${id}`,
        });
      }
      await waitForLeafs(hubs, log);
      result.federationDatabaseUrl = withDatabase(result.postgres.url, 'linkway_federation');
      databases = [...databases, ...result.hubs.map((h) => `linkway_${h.id}`), 'linkway_federation'];
    }
    if (databases.length) await ensureDatabases(result.postgres.url, databases);
  } catch (error) {
    await stopRecords(started, log);
    throw error;
  }
  return result;
}

/** Stops records newest first: leaf NATS before the ICS, everything before nothing. */
async function stopRecords(records, log = console.log) {
  for (const record of [...records].reverse()) {
    log(`[infra] stopping ${record.name}${record.pid ? ` (pid ${record.pid})` : ''}`);
    await stopRecord(record);
  }
  records.length = 0;
}

async function down(log = console.log) {
  const records = readRecords().sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
  if (!records.length) log('[infra] nothing to stop (no servers recorded in .linkway/run)');
  await stopRecords(records, log);
}

async function status(log = console.log) {
  for (const [kind, url] of Object.entries(DEFAULT_URLS)) {
    const reason = await whyNot(kind, url);
    log(`${LABELS[kind].padEnd(8)} ${url.padEnd(36)} ${reason ? `not answering (${reason})` : 'answering'}`);
  }
  const topology = [{ name: 'ics', url: `nats://${HOST}:${ICS_NATS_PORT}` }];
  for (let n = 1; n <= MAX_HUBS; n += 1) topology.push({ name: hubId(n), url: `nats://${HOST}:${hubPorts(n).natsClient}` });
  for (const t of topology) {
    let state;
    try {
      const info = await natsInfo(t.url, 500);
      state = `answering (server ${info.server_name}, domain ${info.domain || '-'})`;
    } catch {
      state = 'not running';
    }
    log(`NATS     ${t.url.padEnd(36)} ${t.name.padEnd(5)} ${state}`);
  }
  for (const r of readRecords()) log(`started by infra: ${r.name.padEnd(10)} pid ${r.pid || '-'} ${r.pid && isAlive(r.pid) ? 'alive' : 'gone'}  ${r.url || ''}`);
}

/**
 * Exports for child processes in single mode (tests).
 * @param {InfraResult} result
 */
function singleModeEnv(result, database = 'linkway_test') {
  return {
    DATABASE_URL: withDatabase(result.postgres.url, database),
    REDIS_URL: result.redis.url,
    NATS_URL: result.nats.url,
  };
}

function parseHubs(argv, fallback) {
  const i = argv.indexOf('--hubs');
  if (i === -1) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > MAX_HUBS) throw new Error(`--hubs takes 1..${MAX_HUBS}`);
  return n;
}

async function main(argv) {
  const [command] = argv;
  if (command === 'up') {
    const result = await up({ hubs: parseHubs(argv, 0), databases: ['linkway_test'] });
    console.log('\nServers stay up; stop them with: node tools/infra.js down\n');
    if (result.nats) for (const [k, v] of Object.entries(singleModeEnv(result))) console.log(`export ${k}=${v}`);
    for (const h of result.hubs) console.log(`${h.id}: NATS_URL=${h.natsUrl} NATS_JS_DOMAIN=${h.jsDomain} DATABASE_URL=${h.databaseUrl} REDIS_PREFIX=${h.redisPrefix}`);
    if (result.ics) console.log(`ICS : NATS_URL=${result.ics.url} (leafnodes on ${ICS_LEAF_PORT}, monitoring http://${HOST}:${ICS_HTTP_PORT})`);
  } else if (command === 'down') {
    await down();
  } else if (command === 'status') {
    await status();
  } else {
    console.error('usage: node tools/infra.js up [--hubs N] | down | status');
    process.exitCode = 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`[infra] ${error.message}`);
    process.exit(1);
  });
}

module.exports = { up, down, status, stopRecords, singleModeEnv, ensureDatabases, parseHubs, DEFAULT_URLS };
