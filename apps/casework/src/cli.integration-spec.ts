import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  createTestDatabase,
  messagingNames,
  type NatsServerProcess,
  repoRoot,
  startNatsServer,
  type TestDatabase,
  testUrls,
} from '@linkway/testing';

const run = promisify(execFile);

/** A practitioner row of the import file; override what a test is about. */
const practitionerRow = (overrides: Record<string, unknown> = {}) => ({
  accountId: randomUUID(),
  name: 'Lee Worker',
  role: 'link_worker',
  hoursPerWeek: 37.5,
  caseloadCapacity: 40,
  startedOn: '2025-01-06',
  training: [{ course: 'home_environment_schemes', completedOn: '2025-03-01' }],
  ...overrides,
});

describe('casework CLI practitioners-import', () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let client: Client;
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-cli-'));

  beforeAll(async () => {
    db = await createTestDatabase('casework-cli');
    nats = await startNatsServer();
    client = new Client({ connectionString: db.url });
    await client.connect();
  }, 30_000);

  afterAll(async () => {
    await client?.end();
    await nats?.stop();
    await db?.drop();
  });

  const cli = (file: string) =>
    run(
      process.execPath,
      ['-r', './tools/register.js', 'apps/casework/src/cli.ts', 'practitioners-import', file],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          NATS_URL: nats.url,
          REDIS_URL: testUrls().redis,
          REDIS_PREFIX: messagingNames('casework-cli').redisPrefix,
          LOG_LEVEL: 'error',
        },
        timeout: 60_000,
      },
    ).then(
      (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );
  const write = (name: string, rows: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(rows));
    return file;
  };
  const count = async (table: string) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM casework.${table}`)).rows[0].n;

  it('imports practitioners with training, and a second run updates instead of duplicating', async () => {
    const rows = [practitionerRow(), practitionerRow({ role: 'specialist_navigator', caseloadCapacity: 25 })];
    const first = await cli(write('first.json', rows));
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1) as string)).toMatchObject({
      practitioners: 2,
      created: 2,
      trainingAdded: 2,
    });
    const again = await cli(write('again.json', [{ ...rows[0], caseloadCapacity: 30 }, rows[1]]));
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1) as string)).toMatchObject({
      created: 0,
      updated: 2,
      trainingAdded: 0,
    });
    expect(await count('practitioner')).toBe(2);
    expect(await count('training_record')).toBe(2);
    const { rows: saved } = await client.query(
      `SELECT caseload_capacity FROM casework.practitioner WHERE account_id = $1`,
      [rows[0].accountId],
    );
    expect(saved[0].caseload_capacity).toBe(30);
  }, 120_000);

  it('refuses an invalid file with exit code 2, naming each problem, and writes nothing', async () => {
    const before = await count('practitioner');
    const bad = await cli(
      write('bad.json', [practitionerRow({ role: 'wizard' }), practitionerRow({ caseloadCapacity: -1 })]),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[0].role');
    expect(bad.stderr).toContain('[1].caseloadCapacity');
    expect(await count('practitioner')).toBe(before);
  }, 60_000);
});
