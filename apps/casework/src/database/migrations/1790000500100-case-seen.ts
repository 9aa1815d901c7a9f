import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the case's allocated practitioner last opened it: the caseload's "partner replied" flag is
 * a partner answer after this. Null until they first open it, and again after a reallocation (the
 * new practitioner has seen nothing yet).
 */
export class CaseSeen1790000500100 implements MigrationInterface {
  name = 'CaseSeen1790000500100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person_case ADD COLUMN practitioner_seen_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE person_case DROP COLUMN practitioner_seen_at`);
  }
}
