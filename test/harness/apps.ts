/**
 * Linkway apps as real processes (`node tools/run.js apps/<app>/src/main.ts`), each logging to
 * its own file (kept for the log scans of the security suite), ready when GET /health is 200.
 * A hub is a database on the suite's Postgres cluster plus the chosen services and a gateway.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, HOST, killOnExit, type PostgresCluster, until } from './infra';

// the same service flags as npm start (tools/lib/node-flags.js), so the suites run what ships
const { SERVICE_NODE_FLAGS } = require('../../tools/lib/node-flags.js') as { SERVICE_NODE_FLAGS: string[] };

export const ROOT = resolve(__dirname, '../..');
/** Every log file the harness wrote in this process: the security suite greps them. */
export const LOG_DIR = mkdtempSync(join(tmpdir(), 'lw-harness-logs-'));
export const allLogFiles: string[] = [];

export type AppName =
  'gateway' | 'referral-intake' | 'partner-directory' | 'casework' | 'outcomes' | 'federation';

export interface AppProcess {
  name: string;
  port: number;
  url: string;
  pid(): number;
  /** Every log file of this app (one per start). */
  logs(): string[];
  kill9(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Starts again (after kill9) and waits for health. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  rssMb(): number;
  alive(): boolean;
}

export const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

export async function healthy(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function startApp(
  name: AppName,
  env: Record<string, string>,
  opts: { label?: string } = {},
): Promise<AppProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const label = opts.label ?? `${name}-${env.HUB_ID ?? 'x'}`;
  const files: string[] = [];
  let child!: ChildProcess;
  const url = `http://${HOST}:${port}`;
  const launch = async () => {
    const file = join(LOG_DIR, `${label}-${files.length}.log`);
    files.push(file);
    allLogFiles.push(file);
    const fd = openSync(file, 'a');
    child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, 'tools/run.js', `apps/${name}/src/main.ts`], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'log', ...env, PORT: String(port), HOST },
      stdio: ['ignore', fd, fd],
    });
    killOnExit(child);
    closeSync(fd);
    await until(
      `${label} healthy at ${url}`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${label} exited ${child.exitCode}:\n${readFileSync(file, 'utf8').slice(-3000)}`);
        return healthy(url);
      },
      90_000,
      200,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${file} ---\n${readFileSync(file, 'utf8').slice(-3000)}`);
    });
  };
  await launch();
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name: label,
    port,
    url,
    pid: () => child.pid ?? -1,
    logs: () => [...files],
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    restart: async () => {
      if (alive()) {
        child.kill('SIGKILL');
        await exited(child);
      }
      await launch();
    },
    stop: async () => {
      if (!alive()) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exited(child);
      clearTimeout(timer);
    },
    rssMb: () => rssMb(child.pid ?? -1),
    alive,
  };
}

/** Runs a CLI entry to completion; resolves with its stdout. */
export function runCli(entry: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['tools/run.js', entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += String(d)));
    child.stderr?.on('data', (d) => (err += String(d)));
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise(out)
        : reject(new Error(`${entry} ${args.join(' ')} exited ${code}\n${err}`)),
    );
  });
}

export const DEMO_PASSWORD = 'harness-demo-password';
export const ROLES = ['referrer', 'link_worker', 'hub_manager', 'partner', 'ics_analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Hub {
  hubId: string;
  dbName: string;
  dbUrl: string;
  env: Record<string, string>;
  gateway: AppProcess;
  services: Partial<Record<AppName, AppProcess>>;
  /** A fresh access token for the hub's demo account of this role. */
  token(role: Role): Promise<string>;
  /** fetch against the gateway, JSON in and out. */
  api(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
  ): Promise<ApiAnswer>;
  processes(): AppProcess[];
  stop(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  text: string;
}

export async function api(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, text };
}

/**
 * One hub: database `lw_<hubId>` on the cluster, the named services, demo accounts (one per
 * role, password DEMO_PASSWORD) and a gateway. `env` is added to every process.
 */
export async function startHub(opts: {
  hubId: string;
  pg: PostgresCluster;
  natsUrl: string;
  redisUrl: string;
  services: AppName[];
  env?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}): Promise<Hub> {
  const dbName = `lw_${opts.hubId}`;
  const dbUrl = await opts.pg.createDatabase(dbName);
  const env: Record<string, string> = {
    HUB_ID: opts.hubId,
    HUB_NAME: `Harness ${opts.hubId}`,
    DATABASE_URL: dbUrl,
    NATS_URL: opts.natsUrl,
    REDIS_URL: opts.redisUrl,
    REDIS_PREFIX: `harness:${opts.hubId}`,
    HUB_PROFILE: 'community_centre',
    // One secret for every hub (the worst case): a token of hub A must still fail at hub B on its `hub` claim.
    JWT_SECRET: 'harness-shared-secret-0123456789abcdef-0123456789',
    LINKWAY_DEMO_PASSWORD: DEMO_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    SELF_REFERRAL_RATE_LIMIT_PER_MINUTE: '10000',
    ...opts.env,
  };
  const services: Partial<Record<AppName, AppProcess>> = {};
  // services and gateway boot side by side (2 cores: about halves the wait); the gateway's
  // start-up migrations must run before seed-demo
  const started = await Promise.all([
    startApp('gateway', { ...env, ...opts.gatewayEnv }),
    ...opts.services.map((name) => startApp(name, env)),
  ]);
  const gateway = started[0];
  opts.services.forEach((name, i) => (services[name] = started[i + 1]));
  await runCli('apps/gateway/src/cli.ts', ['seed-demo', '--hub', opts.hubId, '--json'], env);
  const base = gateway.url;
  return {
    hubId: opts.hubId,
    dbName,
    dbUrl,
    env,
    gateway,
    services,
    async token(role) {
      const answer = await api(base, 'POST', '/api/v1/auth/login', {
        body: { email: `${role}@${opts.hubId}.linkway.test`, password: DEMO_PASSWORD },
      });
      if (answer.status !== 200)
        throw new Error(`login ${role}@${opts.hubId}: ${answer.status} ${answer.text}`);
      return (answer.body as { accessToken: string }).accessToken;
    },
    api: (method, path, o) => api(base, method, path, o),
    processes: () => [gateway, ...Object.values(services)],
    async stop() {
      await Promise.all([gateway, ...Object.values(services)].map((p) => p.stop()));
    },
  };
}
