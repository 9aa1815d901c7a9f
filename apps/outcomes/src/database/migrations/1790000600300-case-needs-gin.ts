import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The dashboard's need filter is `needs @> ARRAY[need]`, which a GIN index answers. */
export class CaseNeedsGin1790000600300 implements MigrationInterface {
  name = 'CaseNeedsGin1790000600300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX outcome_case_needs ON outcome_case USING gin (needs)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS outcome_case_needs`);
  }
}
