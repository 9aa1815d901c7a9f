import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { type ImportRowReport, runReferralImport } from '@linkway/domain';
import type { CreateReferralV1, ReferralCreatedV1 } from '@linkway/contracts';
import { Batcher } from './referrals/batcher';
import { ReferralService } from './referrals/referral.service';

/**
 * Operator commands of referral-intake.
 *
 *   cli.ts import-referrals FILE [--hub H] [--report PATH] [--batch 200] [--concurrency 4]
 *
 * Imports a referral CSV straight into this hub's intake (same checks, duplicate linking and
 * events as every channel), streaming the file, with a progress bar on stderr and a per-row
 * report (CSV) beside the file. Each row's idempotency key is its source_id, else the file's
 * SHA-256 and the row number, so re-running the same file (or resuming after a crash) creates
 * nothing twice. The database is DATABASE_URL, else linkway_<hub> on the local Postgres.
 * Exit codes: 0 done (rejected rows are in the report), 1 failed, 2 bad arguments.
 */
const USAGE =
  'usage: cli.ts import-referrals FILE [--hub <hubId>] [--report <path>] [--batch <rows per transaction, 200>] [--concurrency <batches at once, 4>]';

class UsageError extends Error {}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Waits (up to 30 s) until the relay has published this import's events, so none wait for the next start. */
async function drainOutbox(dataSource: DataSource) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [{ n }] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
    )) as Array<{ n: number }>;
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write('some events are still in the outbox; the service relays them when it runs\n');
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function progressBar(done: number, total: number, rows: number, startedAt: number): string {
  const width = 30;
  const share = total ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows} rows  ${rate} rows/s`;
}

async function importReferrals(
  file: string,
  options: { hub?: string; report?: string; concurrency: number; batch: number },
) {
  if (options.hub) {
    process.env.HUB_ID = options.hub;
    process.env.DATABASE_URL ??= `postgres://postgres@127.0.0.1:5432/linkway_${options.hub}`;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const size = statSync(file).size;
  const fileKey = await fileSha256(file);
  // the service's own module: same profile checks, same transaction, events relayed by its outbox relay
  const { AppModule } = await import('./app.module');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'fatal'] });
  app.enableShutdownHooks();
  const referrals = app.get(ReferralService);
  // rows go in batches of --batch, one transaction each, --concurrency batches at once
  const batcher = new Batcher<CreateReferralV1, ReferralCreatedV1>(
    (commands) => referrals.createMany(commands),
    options.batch,
    options.concurrency,
  );
  const reportPath = options.report ?? `${file}.report.csv`;
  const report = createWriteStream(reportPath);
  report.write('row,source_id,outcome,referral_id,replayed,errors\n');
  let bytes = 0;
  let rows = 0;
  const startedAt = Date.now();
  const source = createReadStream(file);
  source.on('data', (chunk) => (bytes += chunk.length));
  const tick = setInterval(() => process.stderr.write(progressBar(bytes, size, rows, startedAt)), 200);
  try {
    const result = await runReferralImport(
      source,
      fileKey,
      (draft, key) =>
        batcher.add({
          actor: { accountId: null, role: 'import' },
          channel: 'import',
          idempotencyKey: key,
          referral: draft,
        }),
      {
        concurrency: options.batch * options.concurrency,
        keepRows: false,
        onRow: (entry: ImportRowReport) => {
          rows++;
          const errors = (entry.errors ?? [])
            .map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason))
            .join('; ');
          report.write(
            `${entry.row},${csvCell(entry.sourceId ?? '')},${entry.outcome},${entry.referralId ?? ''},${entry.replayed ? 'yes' : ''},${csvCell(errors)}\n`,
          );
        },
      },
    );
    clearInterval(tick);
    process.stderr.write(`${progressBar(size, size, rows, startedAt)}\n`);
    await new Promise<void>((resolve) => report.end(resolve));
    await drainOutbox(app.get(DataSource));
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    process.stdout.write(
      `${JSON.stringify({ file, hub: process.env.HUB_ID, fileSha256: fileKey, rows: result.rows, created: result.created, linked: result.linked, rejected: result.rejected, replayed: result.replayed, seconds: Number(seconds), report: reportPath })}\n`,
    );
  } finally {
    clearInterval(tick);
    await app.close();
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      hub: { type: 'string' },
      report: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      batch: { type: 'string', default: '200' },
    },
  });
  if (command !== 'import-referrals' || positionals.length !== 1) throw new UsageError(USAGE);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    throw new UsageError('--concurrency must be 1–16');
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new UsageError('--batch must be 1–1000');
  await importReferrals(positionals[0], { hub: values.hub, report: values.report, concurrency, batch });
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `\n${error instanceof UsageError ? error.message : `import failed: ${(error as Error).message}`}\n`,
    );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
