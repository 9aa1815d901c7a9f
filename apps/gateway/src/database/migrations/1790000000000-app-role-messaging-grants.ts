import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GATEWAY_APP_ROLE } from '../app-role';

/**
 * The platform adds the outbox and inbox tables to every hub schema; the gateway's sessions
 * run as the app role, which needs them to relay and consume events. Published outbox rows are
 * pruned after a retention period, hence DELETE there (and only there).
 */
export class AppRoleMessagingGrants1790000000000 implements MigrationInterface {
  name = 'AppRoleMessagingGrants1790000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO ${GATEWAY_APP_ROLE}`);
    await db.query(`GRANT SELECT, INSERT ON inbox TO ${GATEWAY_APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE ALL ON outbox, inbox FROM ${GATEWAY_APP_ROLE}`);
  }
}
