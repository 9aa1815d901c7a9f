import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every dashboard section filters its table by a period column: index each one. */
export class DashboardIndexes1790000600200 implements MigrationInterface {
  name = 'DashboardIndexes1790000600200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX outcome_case_closed ON outcome_case (closed_at) WHERE closed_at IS NOT NULL`,
    );
    await db.query(`CREATE INDEX outcome_due_due_at ON outcome_due (due_at)`);
    await db.query(`CREATE INDEX outcome_onward_referral_sent ON outcome_onward_referral (sent_at)`);
    await db.query(`CREATE INDEX outcome_onward_referral_case ON outcome_onward_referral (case_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'outcome_onward_referral_case',
      'outcome_onward_referral_sent',
      'outcome_due_due_at',
      'outcome_case_closed',
    ]) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
