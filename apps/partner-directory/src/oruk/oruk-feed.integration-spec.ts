import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { orukProblems } from '@linkway/domain';
import { createTestDatabase, type TestDatabase } from '@linkway/testing';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const DEMO_FEED = path.join(ROOT, 'apps/partner-directory/src/data/demo-feed-hub2.json');

type Feed = { services: Array<Record<string, unknown>>; [key: string]: unknown };

/** Drops what legitimately differs between two exports of the same data. */
const comparable = (feed: Feed) =>
  JSON.parse(
    JSON.stringify(feed, (key, value) =>
      ['exported_at', 'last_modified', 'hub'].includes(key) ? undefined : value,
    ),
  );

/** `linkway directory import|export` as an operator runs it: the CLI in a child process. */
describe('directory CLI: ORUK import and export (integration)', () => {
  const dbs: TestDatabase[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'linkway-directory-'));

  const cli = (db: TestDatabase, args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['-r', './tools/register.js', 'apps/partner-directory/src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'error', ...env },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  const database = async () => {
    const db = await createTestDatabase('dir-feed');
    dbs.push(db);
    return db;
  };
  const query = async (db: TestDatabase, sql: string) => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };

  afterAll(async () => {
    for (const db of dbs) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The demo feed imported by the first test; later tests read it (each CLI run costs seconds). */
  let imported: TestDatabase;

  it('imports the demo feed with a progress bar and a report, and re-import updates by id', async () => {
    const db = await database();
    imported = db;
    const first = await cli(db, ['import', DEMO_FEED, '--hub', 'hub2']);
    const report = JSON.parse(first.stdout);
    expect(report.services).toEqual({ created: 13, updated: 0, failed: [] });
    expect(report.postcodes.outwardCentroid).toEqual(['BS2 9ZZ']);
    expect(first.stderr).toContain('13/13 services');
    const again = JSON.parse((await cli(db, ['import', DEMO_FEED, '--hub', 'hub2'])).stdout);
    expect(again.services).toEqual({ created: 0, updated: 13, failed: [] });
    expect(await query(db, 'SELECT count(*)::int AS n FROM partner_directory.services')).toEqual([{ n: 13 }]);
  });

  it('round-trips: export → import into another hub → export gives the same feed', async () => {
    const a = imported;
    const exported = JSON.parse(
      (await cli(a, ['export', '--hub', 'hub2', '--with-extensions'])).stdout,
    ) as Feed;
    const file = path.join(dir, 'feed.json');
    writeFileSync(file, JSON.stringify(exported));
    const b = await database();
    const report = JSON.parse((await cli(b, ['import', file, '--hub', 'hub3'])).stdout);
    expect(report.services).toEqual({ created: 13, updated: 0, failed: [] });
    const reexported = JSON.parse(
      (await cli(b, ['export', '--hub', 'hub3', '--with-extensions'])).stdout,
    ) as Feed;
    expect(comparable(reexported)).toEqual(comparable(exported));
    expect(exported.services[0]?.['x_linkway']).toMatchObject({
      capacity: { accepting: expect.any(String) },
    });
  });

  it('exports a public feed: conformant services, no Linkway extensions, no nulls', async () => {
    const { stdout } = await cli(imported, ['export', '--hub', 'hub2']);
    const feed = JSON.parse(stdout) as Feed;
    expect(feed).toMatchObject({ version: '3.0', hub: 'hub2' });
    expect(feed.services).toHaveLength(13);
    for (const service of feed.services) expect(orukProblems('service', service)).toEqual([]);
    expect(stdout).not.toContain('x_linkway');
    expect(stdout).not.toContain('null');
    expect(stdout).not.toContain('Referrals coordinator');
  });

  it('imports from a URL, following ORUK pages, and reports bad services and unknown postcodes without stopping', async () => {
    const demo = JSON.parse(readFileSync(DEMO_FEED, 'utf8')) as Feed;
    const services = demo.services.slice(0, 3).map((s) => JSON.parse(JSON.stringify(s)));
    services[1]['status'] = 'open';
    const [link] = services[2]['service_at_locations'] as Array<{ location: Record<string, unknown> }>;
    const location = link?.location ?? {};
    delete location['latitude'];
    delete location['longitude'];
    location['postal_code'] = 'ZZ9 9ZZ';
    const pages = [services.slice(0, 2), services.slice(2)];
    const server: Server = createServer((request, response) => {
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          total_items: 3,
          total_pages: 2,
          page_number: page,
          contents: pages[page - 1] ?? [],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const db = await database();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oruk/services`;
      const failure = await cli(db, ['import', url, '--hub', 'hub2']).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect((failure as { code: number }).code).toBe(1);
      const report = JSON.parse((failure as { stdout: string }).stdout);
      expect(report.services.created).toBe(2);
      expect(report.services.failed).toEqual([
        { id: services[1]['id'], reasons: [expect.stringContaining('service.status: must be one of')] },
      ]);
      expect(report.postcodes.unknown).toEqual(['ZZ9 9ZZ']);
    } finally {
      server.close();
    }
  });

  it('loads a postcode file in ONS format (quoted, extra columns, no-grid rows skipped)', async () => {
    const db = await database();
    const file = path.join(dir, 'onspd.csv');
    writeFileSync(
      file,
      [
        '"pcd","pcd2","pcds","dointr","lat","long","oa21"',
        '"LS6 1AA","LS6  1AA","LS6 1AA","199801","53.818","-1.575","E00000001"',
        '"LS6 1AB","LS6  1AB","LS6 1AB","199801","53.820","-1.577","E00000002"',
        '"ZE9 9ZZ","ZE9  9ZZ","ZE9 9ZZ","199801","99.999999","0.000000","E00000003"',
      ].join('\n'),
    );
    await cli(db, ['export', '--hub', 'hub1'], { DIRECTORY_POSTCODES_FILE: file });
    expect(
      await query(db, 'SELECT pcds, outward, latitude FROM partner_directory.postcodes ORDER BY pcds'),
    ).toEqual([
      { pcds: 'LS6 1AA', outward: 'LS6', latitude: 53.818 },
      { pcds: 'LS6 1AB', outward: 'LS6', latitude: 53.82 },
    ]);
  });

  it('refuses bad arguments with exit code 2 and the usage', async () => {
    const db = await database();
    const failure = (await cli(db, ['import', '--hub', 'hub1']).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('usage:');
  });
});
