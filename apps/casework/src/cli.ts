import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AddTrainingV1, SavePractitionerV1 } from '@linkway/contracts';
import { ServicePlatformModule } from '@linkway/platform';
import { caseworkConfig } from './config/casework.config';
import { hubSettingsProvider } from './config/hub-settings';
import { entities, migrations, SCHEMA } from './database';
import { PractitionerService } from './practitioners/practitioner.service';

/**
 * Operator commands of casework.
 *
 *   cli.ts practitioners-import FILE [--hub H]
 *
 * Onboards practitioners from a JSON file: [{ accountId, name, role, hoursPerWeek,
 * caseloadCapacity? (the hub profile's default), startedOn, supervisionCadenceDays?, active?, training?: [{ course,
 * completedOn }] }]. Idempotent: a practitioner is matched by accountId (updated, never
 * duplicated) and a training record by (course, completedOn). Prints one JSON line per
 * practitioner and a summary. The database is DATABASE_URL, else linkway_<hub> locally.
 * Exit codes: 0 done, 1 failed, 2 bad arguments or an invalid file (nothing written).
 */
const USAGE = 'usage: cli.ts practitioners-import FILE [--hub <hubId>]';
const SYSTEM = { accountId: 'system', role: 'hub_manager' };

class UsageError extends Error {}

interface Row {
  accountId: string;
  training?: Array<{ course: string; completedOn: string }>;
  [field: string]: unknown;
}

/** Only what the command needs: the data source (migrated) and the practitioner rules. */
@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'casework',
      schema: SCHEMA,
      entities,
      migrations,
      config: [caseworkConfig],
    }),
  ],
  providers: [hubSettingsProvider, PractitionerService],
})
class CliModule {}

function check(rows: unknown): Row[] {
  if (!Array.isArray(rows)) throw new UsageError('the file must hold a JSON array of practitioners');
  const problems = rows.flatMap((row: Row, i) => {
    const { training, ...fields } = row ?? {};
    const errors = validateSync(plainToInstance(SavePractitionerV1, { ...fields, actor: SYSTEM }), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    const bad = errors.map(
      (e) => `[${i}].${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'is invalid'}`,
    );
    for (const t of training ?? []) {
      if (typeof t?.course !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(String(t?.completedOn))) {
        bad.push(`[${i}].training: each needs course and completedOn (YYYY-MM-DD)`);
      }
    }
    return bad;
  });
  if (problems.length) throw new UsageError(`invalid practitioners file:\n  ${problems.join('\n  ')}`);
  return rows as Row[];
}

async function practitionersImport(file: string, hub?: string) {
  if (hub) {
    process.env.HUB_ID = hub;
    process.env.DATABASE_URL ??= `postgres://postgres@127.0.0.1:5432/linkway_${hub}`;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const rows = check(JSON.parse(readFileSync(file, 'utf8')));
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'fatal'] });
  try {
    const db = app.get(DataSource);
    const practitioners = app.get(PractitionerService);
    let created = 0;
    let trainingAdded = 0;
    for (const row of rows) {
      const { training = [], ...fields } = row;
      const [existing]: Array<{ id: string }> = await db.query(
        `SELECT id FROM practitioner WHERE account_id = $1`,
        [row.accountId],
      );
      const saved = await practitioners.save(
        plainToInstance(SavePractitionerV1, {
          ...fields,
          ...(existing ? { id: existing.id } : {}),
          actor: SYSTEM,
        }),
      );
      if (!existing) created += 1;
      let view = saved;
      for (const t of training) {
        const known = view.training.some(
          (k) => k.course === t.course && k.completedOn === t.completedOn.slice(0, 10),
        );
        if (known) continue;
        view = await practitioners.addTraining(
          plainToInstance(AddTrainingV1, { actor: SYSTEM, practitionerId: saved.id, ...t }),
        );
        trainingAdded += 1;
      }
      process.stdout.write(
        `${JSON.stringify({ id: view.id, accountId: view.accountId, role: view.role, created: !existing, training: view.training.length })}\n`,
      );
    }
    process.stdout.write(
      `${JSON.stringify({ file, practitioners: rows.length, created, updated: rows.length - created, trainingAdded })}\n`,
    );
  } finally {
    await app.close();
  }
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { hub: { type: 'string' } } });
  const [command, file] = positionals;
  if (command !== 'practitioners-import' || !file) throw new UsageError(USAGE);
  await practitionersImport(file, values.hub);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
