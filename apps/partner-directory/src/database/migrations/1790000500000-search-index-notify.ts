import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel the search index listens on. */
export const DIRECTORY_CHANGED_CHANNEL = 'partner_directory_changed';

/** The tables a search's filters and its services' views (names included) are made from. */
const WATCHED = [
  'services',
  'attributes',
  'service_at_locations',
  'locations',
  'organizations',
  'taxonomy_terms',
];

/** Payload prefix of a change to one service's reservations: `capacity_reservations:<service id>`. */
export const CAPACITY_CHANGED_PREFIX = 'capacity_reservations:';

/**
 * Triggers that NOTIFY the in-memory search index of every process (and replica) when a
 * committed statement changed what it holds, whoever wrote it: the service, an import, or
 * SQL by hand. NOTIFY is delivered at commit, so a rolled-back change never invalidates.
 * Directory edits notify once per statement (payload: the table); a reservation notifies
 * with its service id, so only that service's capacity is read again. NOTIFY's commit-time
 * queue lock serialises notifying commits: directory edits are rare, and reservations of a
 * service are serialised by its row lock already.
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
    await db.query(`
      CREATE FUNCTION notify_capacity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('${DIRECTORY_CHANGED_CHANNEL}', '${CAPACITY_CHANGED_PREFIX}' || OLD.service_id);
        ELSE
          PERFORM pg_notify('${DIRECTORY_CHANGED_CHANNEL}', '${CAPACITY_CHANGED_PREFIX}' || NEW.service_id);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER capacity_reservations_notify_capacity_changed
      AFTER INSERT OR UPDATE OR DELETE ON capacity_reservations
      FOR EACH ROW EXECUTE FUNCTION notify_capacity_changed()`);
    // TRUNCATE has no rows: the table name says "every service's capacity"
    await db.query(`
      CREATE TRIGGER capacity_reservations_notify_truncated
      AFTER TRUNCATE ON capacity_reservations
      FOR EACH STATEMENT EXECUTE FUNCTION notify_directory_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER capacity_reservations_notify_truncated ON capacity_reservations`);
    await db.query(`DROP TRIGGER capacity_reservations_notify_capacity_changed ON capacity_reservations`);
    await db.query(`DROP FUNCTION notify_capacity_changed()`);
    for (const table of WATCHED) await db.query(`DROP TRIGGER ${table}_notify_directory_changed ON ${table}`);
    await db.query(`DROP FUNCTION notify_directory_changed()`);
  }
}
