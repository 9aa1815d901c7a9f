import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@linkway/testing';
import { Account } from './accounts/account.entity';
import { type GatewayHarness, startGateway } from './test-fixtures/gateway-test-app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

describe('gateway CLI (integration)', () => {
  let sut: GatewayHarness;

  beforeAll(async () => {
    sut = await startGateway('gw-cli');
  });

  afterAll(() => sut?.close());

  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['-r', './tools/register.js', 'apps/gateway/src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: sut.db.url, LOG_LEVEL: 'error', ...env },
      timeout: 60_000,
    });

  const cliFailure = async (args: string[]) => {
    try {
      await cli(args);
    } catch (error) {
      return error as { code: number; stderr: string };
    }
    throw new Error('expected the CLI to fail');
  };

  it('create-admin makes one admin, is idempotent, and the admin can sign in', async () => {
    const args = [
      'create-admin',
      '--email',
      'First.Admin@hub1.example',
      '--password',
      'a-long-admin-password',
      '--hub',
      'hub1',
    ];
    const first = await cli(args);
    expect(first.stdout).toMatch(/^created admin first\.admin@hub1\.example/);
    const second = await cli(args);
    expect(second.stdout).toContain('already exists in hub1');

    const admins = await sut.app
      .get(DataSource)
      .getRepository(Account)
      .findBy({ email: 'first.admin@hub1.example' });
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ role: 'admin', hubId: 'hub1', disabled: false });
    await expect(sut.login('first.admin@hub1.example', 'a-long-admin-password')).resolves.toEqual(
      expect.any(String),
    );
  });

  it('seed-demo upserts one account per role with the demo password, idempotently', async () => {
    const first = JSON.parse((await cli(['seed-demo', '--hub', 'hub1', '--json'])).stdout);
    expect(first.map((r: { email: string }) => r.email)).toEqual([
      'referrer@hub1.linkway.test',
      'link_worker@hub1.linkway.test',
      'hub_manager@hub1.linkway.test',
      'partner@hub1.linkway.test',
      'ics_analyst@hub1.linkway.test',
      'admin@hub1.linkway.test',
    ]);
    expect(
      first.every(
        (r: { outcome: string; password: string }) =>
          r.outcome === 'created' && r.password === 'linkway-demo',
      ),
    ).toBe(true);

    const again = JSON.parse((await cli(['seed-demo', '--hub', 'hub1', '--json'])).stdout);
    expect(again.every((r: { outcome: string }) => r.outcome === 'unchanged')).toBe(true);
    await expect(sut.login('link_worker@hub1.linkway.test', 'linkway-demo')).resolves.toEqual(
      expect.any(String),
    );

    const table = (await cli(['seed-demo', '--hub', 'hub1'], { LINKWAY_DEMO_PASSWORD: 'another-demo-pass' }))
      .stdout;
    expect(table.split('\n')[0]).toMatch(/^hub\s+role\s+email\s+password\s+outcome$/);
    expect(table).toMatch(/hub1\s+admin\s+admin@hub1\.linkway\.test\s+another-demo-pass\s+updated/);
    await expect(sut.login('admin@hub1.linkway.test', 'another-demo-pass')).resolves.toEqual(
      expect.any(String),
    );
  });

  it('creates the first admin of a brand-new hub database, before any gateway has started', async () => {
    const fresh = await createTestDatabase('gw-cli-fresh');
    try {
      const { stdout } = await cli(
        [
          'create-admin',
          '--email',
          'founder@new.example',
          '--password',
          'a-long-admin-password',
          '--hub',
          'hub1',
        ],
        { DATABASE_URL: fresh.url },
      );
      expect(stdout).toMatch(/^created admin founder@new\.example/);
    } finally {
      await fresh.drop();
    }
  });

  it('explains its usage and exits 2 on bad arguments', async () => {
    const failure = await cliFailure(['create-admin', '--email', 'x@y.z', '--password', 'short']);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('--password must be at least 12 characters');
    expect(failure.stderr).toContain('usage:');
  });
});
