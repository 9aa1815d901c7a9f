// infra.up() against whatever this machine has: the environment URL wins and must answer;
// otherwise the default ports are reused or servers are started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkway-infra-'));
fs.chmodSync(dataDir, 0o755);
process.env.LINKWAY_DATA_DIR = dataDir;

describe('infra.up', () => {
  let infra: typeof import('../infra');
  let ports: typeof import('../lib/ports');
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    infra = await import('../infra');
    ports = await import('../lib/ports');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fails with the variable name when an environment URL does not answer, and starts nothing', async () => {
    const closed = await ports.ephemeralPort();
    const env = { REDIS_URL: `redis://127.0.0.1:${closed}`, DATABASE_URL: process.env.DATABASE_URL };

    await expect(infra.up({ env, log })).rejects.toThrow(new RegExp(`REDIS_URL=redis://127.0.0.1:${closed} does not answer as Redis`));
    expect(fs.existsSync(path.join(dataDir, 'run')) ? fs.readdirSync(path.join(dataDir, 'run')) : []).toEqual([]);
  });

  it('resolves all three services, creates the test database, and stops only what it started', async () => {
    const result = await infra.up({ env: {}, log, databases: ['linkway_test'] });
    try {
      const env = infra.singleModeEnv(result, 'linkway_test');
      for (const kind of ['postgres', 'redis', 'nats'] as const) expect(['reused', 'started']).toContain(result[kind]?.how);
      expect(env.DATABASE_URL).toMatch(/\/linkway_test$/);
      expect(lines.join('\n')).toMatch(/\[infra\] Postgres .* (reused|started)/);
    } finally {
      await result.stop();
    }
    expect(result.started).toEqual([]);
  });
});
