import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
const HEADER =
  'source_id,nhs_number,given_name,family_name,date_of_birth,postcode,referrer_type,reasons,consent_given_by,consent_method,consent_recorded_at,cold_or_damp';

const row = (id: string, nhs: string, family: string, dob = '1950-01-01') =>
  `${id},${nhs},Ada,${family},${dob},LS1 4AP,vcse,isolation;money_debt,person,written,2026-10-01T10:00:00Z,yes`;

describe('linkway import referrals (CLI, integration)', () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let pg: Client;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase('intake-cli');
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'intake-cli-'));
  });

  afterAll(async () => {
    await pg?.end();
    await nats?.stop();
    await db?.drop();
  });

  const importFile = async (file: string, extra: string[] = []) => {
    const { stdout } = await run(
      process.execPath,
      ['tools/linkway.js', 'import', 'referrals', file, '--hub', 'hub1', '--batch', '3', ...extra],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          NATS_URL: nats.url,
          REDIS_URL: testUrls().redis,
          REDIS_PREFIX: messagingNames('intake-cli').redisPrefix,
          HUB_PROFILE: 'community_centre',
        },
      },
    );
    return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
  };

  it('imports in batches, links a person twice in the file, reports bad rows, and a re-run creates nothing', async () => {
    const file = join(dir, 'referrals.csv');
    writeFileSync(
      file,
      [
        HEADER,
        row('A1', '9434765919', 'One'),
        row('A2', '9434765918', 'Two'),
        row('A3', '4010232137', 'Three'),
        row('A4', '9434765919', 'One'),
        row('A5', '', 'Five', '2031-01-01'),
        row('A6', '', 'Six'),
        row('A6', '', 'Six'),
      ].join('\n'),
    );
    const first = await importFile(file);
    expect(first).toMatchObject({ rows: 7, created: 4, linked: 1, rejected: 2, replayed: 1 });
    const report = readFileSync(`${file}.report.csv`, 'utf8').trim().split('\n').slice(1);
    const byRow = Object.fromEntries(report.map((line) => [line.split(',')[0], line]));
    expect(byRow['2']).toContain('rejected');
    expect(byRow['2']).toContain('person.nhsNumber');
    expect(byRow['5']).toContain('person.dateOfBirth');
    // rows 1 and 4 are one person in different batches, which run concurrently: whichever
    // commits first is received, the other is linked to it
    expect([byRow['1'], byRow['4']].filter((line) => line.includes('linked'))).toHaveLength(1);

    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const count = async () =>
      (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM referral_intake.referral`)).rows[0].n;
    expect(await count()).toBe(4);
    const open = await pg.query(
      `SELECT count(*)::int AS n FROM referral_intake.referral r JOIN referral_intake.person p ON p.id = r.person_id
        WHERE p.nhs_number = '9434765919' AND r.status = 'received'`,
    );
    expect(open.rows[0].n).toBe(1);
    const events = await pg.query(
      `SELECT count(*)::int AS n FROM referral_intake.outbox WHERE subject = 'evt.intake.referral.received.v1'`,
    );
    expect(events.rows[0].n).toBe(3);

    const again = await importFile(file);
    expect(again).toMatchObject({ rows: 7, created: 4, linked: 1, rejected: 2, replayed: 5 });
    expect(await count()).toBe(4);
  }, 60_000);

  it('exits 2 with the usage on bad arguments', async () => {
    await expect(
      run(process.execPath, ['tools/linkway.js', 'import', 'referrals'], { cwd: repoRoot }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
  });
});
