/**
 * Infrastructure the suites own: a private Postgres cluster, redis-server and nats-server
 * processes on free ports, each in a temp folder, that a scenario can SIGKILL, SIGSTOP, stop
 * and restart on the same data. Nothing here touches the shared servers on the default ports.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, freePorts } from '@linkway/testing';

// tools/lib is plain Node shared with `npm run infra`: binary lookup (Debian's versioned
// Postgres folders) and the root check live there once.
const binaries = require('../../tools/lib/binaries.js') as {
  ensureBinary(name: string, log?: (line: string) => void): string;
  isRoot(): boolean;
};

export const HOST = '127.0.0.1';

/**
 * Last-resort clean-up: whatever the harness started is killed when this process exits, even
 * after a failed assertion or a crash, so no server outlives its suite.
 */
const exitHooks = new Set<() => void>();
export const onExit = (hook: () => void) => {
  exitHooks.add(hook);
  return () => exitHooks.delete(hook);
};
const runExitHooks = () => {
  for (const hook of exitHooks) {
    try {
      hook();
    } catch {
      // best effort
    }
  }
  exitHooks.clear();
};
process.once('exit', runExitHooks);
// a run stopped with Ctrl-C or `kill` does not emit 'exit' by itself
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    runExitHooks();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
export const killOnExit = (child: ChildProcess) =>
  onExit(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { freePort, freePorts };

/** Resolves true once something accepts a TCP connection on the port. */
export const tcpOpen = (port: number, timeoutMs = 500) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, HOST);
  });

export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  everyMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

// ------------------------------------------------------------------------------- Postgres

/** Postgres refuses root: run its tools as the `postgres` OS user (as tools/lib/servers.js does). */
function pgRunner() {
  if (!binaries.isRoot()) return { prefix: [] as string[], uid: -1, gid: -1 };
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isFinite(uid)) throw new Error('running as root without a `postgres` OS user');
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

export interface PostgresCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:port — append /dbname. */
  url: string;
  dataDir: string;
  createDatabase(name: string): Promise<string>;
  query<T = Record<string, unknown>>(db: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** `pg_ctl stop -m immediate`: no checkpoint, clients cut at once (a crash, as far as they know). */
  stopImmediate(): void;
  start(): void;
  destroy(): Promise<void>;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const initdb = binaries.ensureBinary('initdb');
  const pgCtl = binaries.ensureBinary('pg_ctl');
  const runner = pgRunner();
  const home = mkdtempSync(join(tmpdir(), 'lw-harness-pg-'));
  const dataDir = join(home, 'data');
  const socketDir = join(home, 'run');
  mkdirSync(socketDir);
  if (runner.uid >= 0) for (const p of [home, socketDir]) chownSync(p, runner.uid, runner.gid);
  const run = (argv: string[], what: string) => {
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  };
  run(
    [...runner.prefix, initdb, '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'],
    'initdb',
  );
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=${HOST} -c unix_socket_directories=${socketDir} -c max_connections=200 -c fsync=on`;
  const url = `postgres://postgres@${HOST}:${port}`;
  const cluster: PostgresCluster = {
    port,
    url,
    dataDir,
    async createDatabase(name) {
      await cluster.query('postgres', `CREATE DATABASE "${name}"`);
      return `${url}/${name}`;
    },
    async query(db, sql, params) {
      const client = new Client({ connectionString: `${url}/${db}`, connectionTimeoutMillis: 3_000 });
      await client.connect();
      try {
        return (await client.query(sql, params as unknown[])).rows;
      } finally {
        await client.end();
      }
    },
    stopImmediate() {
      run([...runner.prefix, pgCtl, '-D', dataDir, 'stop', '-m', 'immediate', '-w'], 'pg_ctl stop');
    },
    start() {
      run(
        [
          ...runner.prefix,
          pgCtl,
          '-D',
          dataDir,
          '-l',
          join(home, 'postgres.log'),
          '-w',
          '-t',
          '60',
          '-o',
          options,
          'start',
        ],
        'pg_ctl start',
      );
    },
    async destroy() {
      const argv = [...runner.prefix, pgCtl, '-D', dataDir, 'stop', '-m', 'immediate', '-w'];
      spawnSync(argv[0], argv.slice(1));
      rmSync(home, { recursive: true, force: true });
    },
  };
  cluster.start();
  const unhook = onExit(() => {
    const argv = [...runner.prefix, pgCtl, '-D', dataDir, 'stop', '-m', 'immediate', '-w'];
    spawnSync(argv[0], argv.slice(1));
    rmSync(home, { recursive: true, force: true });
  });
  const destroy = cluster.destroy;
  cluster.destroy = async () => {
    unhook();
    await destroy();
  };
  return cluster;
}

// ------------------------------------------------------------------------------- processes

/** A server process the suite owns: kill -9, pause, and start again on the same data. */
export interface OwnedServer {
  port: number;
  url: string;
  pid(): number;
  kill9(): Promise<void>;
  pause(): void;
  resume(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function ownedServer(opts: {
  name: string;
  command: string;
  args: string[];
  port: number;
  url: string;
  dir: string;
  ready: () => Promise<boolean>;
}): Promise<OwnedServer> {
  let child!: ChildProcess;
  const start = async () => {
    child = spawn(opts.command, opts.args, { stdio: 'ignore' });
    killOnExit(child);
    await until(
      `${opts.name} on ${opts.port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${opts.name} exited ${child.exitCode}`);
        return opts.ready();
      },
      20_000,
      50,
    );
  };
  await start();
  return {
    port: opts.port,
    url: opts.url,
    pid: () => child.pid ?? -1,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    restart: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
      await start();
    },
    stop: async () => {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited(child);
      rmSync(opts.dir, { recursive: true, force: true });
    },
  };
}

const natsAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.once('data', (chunk) => (socket.destroy(), resolve(chunk.toString().startsWith('INFO'))));
    socket.once('error', () => resolve(false));
    socket.connect(port, HOST);
  });

/**
 * nats-server with JetStream on a store folder that survives restarts. `config` (nats-server
 * config text, `{{port}}` and `{{store}}` filled in) for leaf/domain set-ups, else plain flags.
 */
export async function startNats(
  opts: { config?: string; name?: string; port?: number } = {},
): Promise<OwnedServer & { store: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-harness-nats-'));
  const store = join(dir, 'js');
  const port = opts.port ?? (await freePort());
  let args = ['-a', HOST, '-p', String(port), '-js', '-sd', store, '-n', opts.name ?? `harness-${port}`];
  if (opts.config) {
    const file = join(dir, 'nats.conf');
    writeFileSync(file, opts.config.replaceAll('{{port}}', String(port)).replaceAll('{{store}}', store));
    args = ['-c', file];
  }
  const server = await ownedServer({
    name: 'nats-server',
    command: binaries.ensureBinary('nats-server'),
    args,
    port,
    url: `nats://${HOST}:${port}`,
    dir,
    ready: () => natsAnswers(port),
  });
  return { ...server, store };
}

/** redis-server with AOF (appendfsync everysec, noeviction) in a temp folder. */
export async function startRedis(): Promise<OwnedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-harness-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    HOST,
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    'noeviction',
    '--save',
    '',
  ];
  return ownedServer({
    name: 'redis-server',
    command: binaries.ensureBinary('redis-server'),
    args,
    port,
    url: `redis://${HOST}:${port}`,
    dir,
    ready: () => tcpOpen(port),
  });
}
