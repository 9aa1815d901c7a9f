import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertSchemaName } from './data-source';

const logger = new Logger('Migrations');

/**
 * Runs pending migrations for one service schema under a Postgres advisory lock, so that
 * replicas starting together migrate once and the others wait, then find nothing to do.
 * The lock key is derived from the schema so services migrate in parallel.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<string[]> {
  assertSchemaName(schema);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`linkway:migrate:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const started = Date.now();
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      const names = applied.map((m) => m.name);
      logger.log({ msg: 'migrations applied', schema, applied: names, durationMs: Date.now() - started });
      return names;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`linkway:migrate:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}
