import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GATEWAY_APP_ROLE } from '../app-role';

/**
 * Accounts, and the append-only audit log. Runs with search_path pinned to the gateway's
 * schema, so table names are unqualified and the schema is current_schema().
 *
 * Append-only is enforced twice: the application role (GATEWAY_APP_ROLE) holds no UPDATE,
 * DELETE or TRUNCATE on audit_log, and a trigger refuses UPDATE/DELETE/TRUNCATE for any role
 * that is not a superuser disabling triggers on purpose.
 */
export class AccountsAndAudit1763773200000 implements MigrationInterface {
  name = 'AccountsAndAudit1763773200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        hub_id text NOT NULL,
        email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('referrer', 'link_worker', 'hub_manager', 'partner', 'ics_analyst', 'admin')),
        password_hash text,
        disabled boolean NOT NULL DEFAULT false,
        partner_organisation_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX accounts_hub_email_key ON accounts (hub_id, lower(email))`);

    await db.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_role text NOT NULL,
        hub_id text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        purpose text NOT NULL,
        request_id text
      )`);
    // the listing filters by hub and time, then by actor or record
    await db.query(`CREATE INDEX audit_log_hub_at_idx ON audit_log (hub_id, at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_hub_entity_idx ON audit_log (hub_id, entity, entity_id)`);
    await db.query(`CREATE INDEX audit_log_hub_actor_idx ON audit_log (hub_id, actor_id)`);

    await db.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await db.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

    // Roles are cluster-wide and hubs' gateways may migrate at the same moment (the advisory
    // lock is per database), so "already exists" from a concurrent creator is fine.
    await db.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${GATEWAY_APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${GATEWAY_APP_ROLE} NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
        -- the migrating user hands its sessions over to the app role at start (SET ROLE)
        IF NOT pg_has_role(current_user, '${GATEWAY_APP_ROLE}', 'MEMBER') THEN
          BEGIN
            EXECUTE format('GRANT ${GATEWAY_APP_ROLE} TO %I', current_user);
          EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'cannot grant ${GATEWAY_APP_ROLE} to %: connect the gateway as ${GATEWAY_APP_ROLE} instead', current_user;
          END;
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${GATEWAY_APP_ROLE}', current_schema());
      END
      $$`);
    await db.query(`REVOKE ALL ON accounts, audit_log FROM PUBLIC`);
    // accounts are disabled, never deleted: audit rows keep pointing at them
    await db.query(`GRANT SELECT, INSERT, UPDATE ON accounts TO ${GATEWAY_APP_ROLE}`);
    await db.query(`REVOKE DELETE, TRUNCATE ON accounts FROM ${GATEWAY_APP_ROLE}`);
    // infra's default privileges grant UPDATE/DELETE on new tables; take them back here
    await db.query(`GRANT SELECT, INSERT ON audit_log TO ${GATEWAY_APP_ROLE}`);
    await db.query(
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${GATEWAY_APP_ROLE}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // the role is shared by every hub database of the cluster, so it stays
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_refuse_change()`);
    await db.query(`DROP TABLE accounts`);
  }
}
