import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hub registry, newest snapshot per (hub, period), ICS accounts. Aggregates only: no person-level column. */
export class Federation1790000100000 implements MigrationInterface {
  name = 'Federation1790000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub (
        id text PRIMARY KEY,
        name text NOT NULL,
        archetype text NOT NULL,
        integration_model text NOT NULL,
        population integer NOT NULL CHECK (population >= 0),
        registered_at timestamptz NOT NULL DEFAULT now(),
        last_snapshot_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE hub_snapshot (
        hub_id text NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('week', 'month')),
        period_key text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        built_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL,
        PRIMARY KEY (hub_id, period_kind, period_key)
      )`);
    await q.query(`CREATE INDEX hub_snapshot_period ON hub_snapshot (period_kind, period_key)`);
    await q.query(`
      CREATE TABLE ics_account (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('ics_analyst', 'admin')),
        display_name text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ics_account`);
    await q.query(`DROP TABLE hub_snapshot`);
    await q.query(`DROP TABLE hub`);
  }
}
