// Starts one local server of each kind under .linkway/. Each returns the URL clients use
// and a record that stopRecord() understands. A start counts only once the server answers
// its protocol check, and a server that dies while starting fails with its log tail.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ROOT, HOST, dataPath } = require('./layout');
const { ensureBinary, isRoot } = require('./binaries');
const { spawnDaemon, writeRecord, isAlive, tailLog, sleep, stopRecord } = require('./daemon');
const { whyNot } = require('./probe');

async function waitUntilAnswers(kind, url, { record, timeoutMs = 30_000 }) {
  const deadline = Date.now() + timeoutMs;
  let reason = 'not checked';
  while (Date.now() < deadline) {
    reason = await whyNot(kind, url, 1000);
    if (!reason) return;
    if (record.pid && !isAlive(record.pid)) break;
    await sleep(200);
  }
  // A half-started server must not linger on a port or in .linkway/run.
  await stopRecord(record);
  throw new Error(`${record.name} did not come up at ${url} (${reason}). Last log lines (${record.log}):\n${tailLog(record.log)}`);
}

// ---------------------------------------------------------------- Postgres

/**
 * Postgres refuses to run as root. As root we run initdb/pg_ctl as the `postgres` OS user
 * (created by the Debian package) through runuser; anyone else runs them as themselves.
 */
function postgresRunner() {
  if (!isRoot()) return { prefix: [], uid: null, gid: null };
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root, but there is no `postgres` OS user to run Postgres as; install the postgresql package or run as a normal user');
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * .linkway/postgres when the postgres user can reach it; otherwise (a repo under a private
 * home such as /root) a folder in /var/tmp named after the repo path.
 */
function postgresHome(runner) {
  const preferred = dataPath('postgres');
  if (!runner.prefix.length) return preferred;
  // a fresh clone has no .linkway yet, and the probe below must see the real folder
  fs.mkdirSync(path.dirname(preferred), { recursive: true });
  const probe = spawnSync(runner.prefix[0], [...runner.prefix.slice(1), 'test', '-x', path.dirname(preferred)]);
  if (probe.status === 0) return preferred;
  const tag = crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
  return path.join('/var/tmp', `linkway-${tag}`, 'postgres');
}

function runChecked(argv, what) {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function startPostgres({ port }) {
  const pgCtl = ensureBinary('pg_ctl');
  const initdb = ensureBinary('initdb');
  const runner = postgresRunner();
  const home = postgresHome(runner);
  const dataDir = path.join(home, 'data');
  const socketDir = path.join(home, 'run');
  const log = path.join(home, 'postgres.log');
  fs.mkdirSync(socketDir, { recursive: true });
  if (runner.uid !== null) {
    for (const p of [home, socketDir]) fs.chownSync(p, runner.uid, runner.gid);
  }
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // trust on loopback only: a dev/test cluster with the same auth as the CI machine's.
    runChecked([...runner.prefix, initdb, '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'], 'initdb');
  }
  const options = [
    `-p ${port}`,
    `-c listen_addresses=${HOST}`,
    // own socket dir: the machine's /var/run/postgresql may hold a 5432 socket already
    `-c unix_socket_directories=${socketDir}`,
    // 11 demo processes with pools of 10, plus test suites
    '-c max_connections=300',
  ].join(' ');
  const argv = [...runner.prefix, pgCtl, '-D', dataDir, '-l', log, '-w', '-t', '60', '-o', options, 'start'];
  // detached: the postmaster must not share our process group (Ctrl-C ordering, see daemon.js)
  const code = await new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore' });
    child.once('exit', resolve);
    child.once('error', () => resolve(-1));
  });
  const url = `postgres://postgres@${HOST}:${port}`;
  const pidLine = fs.existsSync(path.join(dataDir, 'postmaster.pid')) ? fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] : '';
  const record = {
    name: 'postgres',
    kind: 'postgres',
    pid: Number(pidLine) || null,
    url,
    dataDir,
    log,
    stopCommand: [...runner.prefix, pgCtl, '-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '30'],
    startedAt: new Date().toISOString(),
  };
  if (code !== 0) throw new Error(`pg_ctl start failed (exit ${code}). Last log lines (${log}):\n${tailLog(log)}`);
  writeRecord(record);
  await waitUntilAnswers('postgres', `${url}/postgres`, { record });
  return { url, record, dataDir };
}

// ---------------------------------------------------------------- Redis

async function startRedis({ port }) {
  const bin = ensureBinary('redis-server');
  const dir = dataPath('redis');
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(ROOT, 'infra', 'redis', 'redis.conf');
  const args = [conf, '--port', String(port), '--bind', HOST, '--dir', dir, '--daemonize', 'no', '--logfile', ''];
  const { record } = spawnDaemon('redis', bin, args);
  const url = `redis://${HOST}:${port}`;
  record.url = url;
  writeRecord(record);
  await waitUntilAnswers('redis', url, { record });
  return { url, record, dataDir: dir };
}

// ---------------------------------------------------------------- NATS

/** A plain JetStream server for tests and single-hub use (no domain, like the CI machine's). */
async function startNats({ port }) {
  const bin = ensureBinary('nats-server');
  const dir = dataPath('nats', 'default');
  fs.mkdirSync(dir, { recursive: true });
  const args = ['-a', HOST, '-p', String(port), '-js', '-sd', dir, '-n', 'linkway-dev'];
  const { record } = spawnDaemon('nats', bin, args);
  const url = `nats://${HOST}:${port}`;
  record.url = url;
  writeRecord(record);
  await waitUntilAnswers('nats', url, { record });
  return { url, record, dataDir: dir };
}

/** A NATS server from a rendered config (ICS or hub leaf), written to .linkway/nats/<name>.conf. */
async function startNatsWithConfig({ name, config, url }) {
  const bin = ensureBinary('nats-server');
  const file = dataPath('nats', `${name}.conf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, config);
  const { record } = spawnDaemon(`nats-${name}`, bin, ['-c', file]);
  record.url = url;
  record.config = file;
  writeRecord(record);
  await waitUntilAnswers('nats', url, { record });
  return { url, record };
}

module.exports = { startPostgres, startRedis, startNats, startNatsWithConfig, waitUntilAnswers };
