import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel the search index listens on; a statement that changes what a search filters on notifies it. */
export const DIRECTORY_CHANGED_CHANNEL = 'partner_directory_changed';

/** The tables a search's filters and its services' views (names included) are made from. */
const WATCHED = ['services', 'attributes', 'service_at_locations', 'locations', 'organizations', 'taxonomy_terms'];

/**
 * Statement-level triggers that NOTIFY the in-memory search index of every process (and
 * replica) when a committed statement changed a table it is built from, whoever wrote it:
 * the service, an import, or SQL by hand. NOTIFY is delivered at commit, so a rolled-back
 * change never invalidates. Directory edits are rare, so NOTIFY's commit-time queue lock
 * costs nothing here (capacity reservations, the frequent writes, are not watched).
 */
export class SearchIndexNotify1790000500000 implements MigrationInterface {
  name = 'SearchIndexNotify1790000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${DIRECTORY_CHANGED_CHANNEL}', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of WATCHED)
      await db.query(`
        CREATE TRIGGER ${table}_notify_directory_changed
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_directory_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of WATCHED) await db.query(`DROP TRIGGER ${table}_notify_directory_changed ON ${table}`);
    await db.query(`DROP FUNCTION notify_directory_changed()`);
  }
}
