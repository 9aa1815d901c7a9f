// Each local server the infra script can start, started for real on a free port in a
// throwaway data folder, checked through its own protocol, then stopped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { connect } from 'nats';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkway-servers-'));
// the postgres OS user must be able to reach its data folder inside this one
fs.chmodSync(dataDir, 0o755);
process.env.LINKWAY_DATA_DIR = dataDir;

describe('local servers', () => {
  let servers: typeof import('../lib/servers');
  let ports: typeof import('../lib/ports');
  let daemon: typeof import('../lib/daemon');

  beforeAll(async () => {
    servers = await import('../lib/servers');
    ports = await import('../lib/ports');
    daemon = await import('../lib/daemon');
  });

  afterAll(async () => {
    for (const record of daemon.readRecords()) await daemon.stopRecord(record);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts Redis with noeviction and AOF every second, and stops it', async () => {
    const port = await ports.ephemeralPort();
    const { url, record } = await servers.startRedis({ port });
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redis.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
      expect(await redis.config('GET', 'dir')).toEqual(['dir', path.join(dataDir, 'redis')]);
    } finally {
      redis.disconnect();
    }

    await daemon.stopRecord(record);
    expect(await ports.isPortFree(port)).toBe(true);
  });

  it('starts a plain NATS server with JetStream and a store dir', async () => {
    const port = await ports.ephemeralPort();
    const { url, record } = await servers.startNats({ port });
    const nc = await connect({ servers: url });
    try {
      const info = await (await nc.jetstreamManager()).getAccountInfo();
      expect(info.limits).toBeDefined();
      expect(fs.existsSync(path.join(dataDir, 'nats', 'default', 'jetstream'))).toBe(true);
    } finally {
      await nc.close();
    }
    await daemon.stopRecord(record);
    expect(await ports.isPortFree(port)).toBe(true);
  });

  it('initialises and starts a Postgres cluster (as the postgres OS user when root), and stops it', async () => {
    const port = await ports.ephemeralPort();
    const { url, record } = await servers.startPostgres({ port });
    const client = new Client({ connectionString: `${url}/postgres` });
    await client.connect();
    try {
      const { rows } = await client.query<{ user: string; listen: string }>("SELECT current_user AS user, current_setting('listen_addresses') AS listen");
      expect(rows[0]).toEqual({ user: 'postgres', listen: '127.0.0.1' });
    } finally {
      await client.end();
    }

    await daemon.stopRecord(record);
    expect(await ports.isPortFree(port)).toBe(true);
    expect(daemon.readRecords()).toEqual([]);
  }, 90_000);
});
