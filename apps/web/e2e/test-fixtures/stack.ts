import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  createTestDatabase,
  freePort,
  messagingNames,
  repoRoot,
  spawnTs,
  startNatsServer,
  testUrls,
  type TsChild,
} from '@linkway/testing';

const DEMO_FEED = path.join(repoRoot, 'apps/partner-directory/src/data/demo-feed-hub1.json');

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

export interface Stack {
  baseUrl: string;
  hubId: string;
  hubName: string;
  accounts: DemoAccount[];
  account(role: string): DemoAccount;
  /** The federation (ICS) serving the same web build, when asked for. */
  federation?: { baseUrl: string; accounts: DemoAccount[] };
  stop(): Promise<void>;
}

/**
 * A real hub gateway as a process, as `npm start` runs it: its own database (real migrations),
 * its own Redis prefix, and a private nats-server so no other test run's services answer its
 * pings, plus the hub services asked for. It serves apps/web/dist, which the e2e target builds first. Demo accounts come from
 * the gateway CLI's `seed-demo`, one per role.
 */
export async function startStack(
  label: string,
  options: {
    services?: Array<'referral-intake' | 'partner-directory' | 'casework' | 'outcomes'>;
    /** Also run the federation app on its own database, seeded with the demo hubs' figures. */
    federation?: boolean;
  } = {},
): Promise<Stack> {
  const hubId = 'e2e-hub';
  const hubName = 'Riverside Wellbeing Hub';
  const nats = await startNatsServer();
  const db = await createTestDatabase(label);
  const port = await freePort();
  const env: Record<string, string> = {
    HUB_ID: hubId,
    HUB_NAME: hubName,
    DATABASE_URL: db.url,
    REDIS_URL: testUrls().redis,
    REDIS_PREFIX: messagingNames(label).redisPrefix,
    NATS_URL: nats.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'log',
    LOG_FORMAT: 'json',
    RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LINKWAY_DEMO_PASSWORD: 'e2e-demo-password',
    WEB_DIST_DIR: path.join(repoRoot, 'apps/web/dist'),
  };
  let gateway: TsChild | undefined;
  let federationApp: TsChild | undefined;
  let federationDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const services: TsChild[] = [];
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await federationApp?.stop();
    await gateway?.stop();
    await nats.stop();
    await db.drop();
    await federationDb?.drop();
  };
  try {
    // the gateway first: its start runs every migration of its schema (the CLI alone does not
    // create the platform's outbox table, which account changes write to)
    gateway = await spawnTs('apps/gateway/src/main.ts', {
      env,
      readyLine: /gateway started/,
      readyTimeoutMs: 90_000,
    });
    // hub services whose screens exist, on the same database and private NATS (own /health port)
    for (const service of options.services ?? []) {
      services.push(
        await spawnTs(`apps/${service}/src/main.ts`, {
          env: { ...env, PORT: '0' },
          readyLine: /service started/,
          readyTimeoutMs: 90_000,
        }),
      );
    }
    if (options.services?.includes('partner-directory')) {
      // the demo directory of Leeds services (ORUK feed) that `npm start` loads too
      const imported = spawnSync(
        process.execPath,
        [
          '-r',
          path.join(repoRoot, 'tools/register.js'),
          path.join(repoRoot, 'apps/partner-directory/src/cli.ts'),
          'import',
          DEMO_FEED,
          '--hub',
          hubId,
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, ...env, LOG_LEVEL: 'error' },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      if (imported.status !== 0)
        throw new Error(`directory import failed (${imported.status}): ${imported.stderr}`);
    }
    const seeded = spawnSync(
      process.execPath,
      [
        '-r',
        path.join(repoRoot, 'tools/register.js'),
        path.join(repoRoot, 'apps/gateway/src/cli.ts'),
        'seed-demo',
        '--json',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env, LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    if (seeded.status !== 0) throw new Error(`seed-demo failed (${seeded.status}): ${seeded.stderr}`);
    const accounts = JSON.parse(seeded.stdout.trim().split('\n').pop() ?? '[]') as DemoAccount[];
    let federation: Stack['federation'];
    if (options.federation) {
      // the ICS: its own database and port, the same web build; demo hubs with twelve months of
      // synthetic figures (this stack has no leaf link for the e2e hub's own snapshots)
      federationDb = await createTestDatabase(`${label}_ics`);
      const federationPort = await freePort();
      const federationEnv = {
        ...env,
        HUB_ID: 'ics',
        HUB_NAME: 'ICS federation',
        DATABASE_URL: federationDb.url,
        REDIS_PREFIX: messagingNames(`${label}_ics`).redisPrefix,
        PORT: String(federationPort),
      };
      const icsSeeded = spawnSync(
        process.execPath,
        [
          '-r',
          path.join(repoRoot, 'tools/register.js'),
          path.join(repoRoot, 'apps/federation/src/cli.ts'),
          'seed-demo',
          '--json',
          '--with-snapshots',
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, ...federationEnv, LOG_LEVEL: 'error' },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      if (icsSeeded.status !== 0)
        throw new Error(`federation seed-demo failed (${icsSeeded.status}): ${icsSeeded.stderr}`);
      federationApp = await spawnTs('apps/federation/src/main.ts', {
        env: federationEnv,
        readyLine: /service started/,
        readyTimeoutMs: 90_000,
      });
      federation = {
        baseUrl: `http://127.0.0.1:${federationPort}`,
        accounts: JSON.parse(icsSeeded.stdout.trim().split('\n').pop() ?? '[]') as DemoAccount[],
      };
    }
    return {
      federation,
      baseUrl: `http://127.0.0.1:${port}`,
      hubId,
      hubName,
      accounts,
      account(role) {
        const found = accounts.find((a) => a.role === role);
        if (!found) throw new Error(`no demo account for ${role}`);
        return found;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
