import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome recordings (one row per scalar measure, timepoint and case: a pair is two rows), the
 * schedule of due recordings and the reminders sent, the read model fed by intake and casework
 * events (so dashboards never read another service's tables), GP messages and hub snapshots.
 * No names, NHS numbers, dates of birth or postcodes are stored here: people are ids.
 */
export class Outcomes1790000600000 implements MigrationInterface {
  name = 'Outcomes1790000600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outcome_record (
        id uuid PRIMARY KEY,
        recording_id uuid NOT NULL,
        case_id uuid NOT NULL,
        person_id uuid NOT NULL,
        timepoint text NOT NULL,
        measure text NOT NULL,
        score numeric(8,2) NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (case_id, measure, timepoint)
      )`);
    await db.query(`CREATE INDEX outcome_record_person ON outcome_record (person_id)`);
    // dashboards pair follow-ups recorded in a period with their baselines
    await db.query(
      `CREATE INDEX outcome_record_followup ON outcome_record (timepoint, recorded_at) INCLUDE (case_id, measure, score)`,
    );
    await db.query(`
      CREATE TABLE outcome_case (
        case_id uuid PRIMARY KEY,
        referral_id uuid NOT NULL,
        person_id uuid NOT NULL,
        practitioner_id text,
        referral_source text NOT NULL,
        needs text[] NOT NULL,
        integration_model text NOT NULL,
        archetype text NOT NULL,
        home_screen text[] NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL,
        first_contact_at timestamptz,
        contacts_attended int NOT NULL DEFAULT 0,
        contacts_dna int NOT NULL DEFAULT 0,
        closed_at timestamptz,
        closure_reason text,
        onward_service_ids text[] NOT NULL DEFAULT '{}',
        onward_completed_service_ids text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX outcome_case_person ON outcome_case (person_id)`);
    await db.query(`CREATE INDEX outcome_case_referral ON outcome_case (referral_id)`);
    await db.query(`CREATE INDEX outcome_case_opened ON outcome_case (opened_at)`);
    await db.query(`
      CREATE TABLE outcome_contact (
        contact_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        at timestamptz NOT NULL,
        did_not_attend boolean NOT NULL
      )`);
    await db.query(`
      CREATE TABLE outcome_referral (
        referral_id uuid PRIMARY KEY,
        referral_source text NOT NULL,
        needs text[] NOT NULL,
        integration_model text NOT NULL,
        status text NOT NULL,
        received_at timestamptz NOT NULL,
        decided_at timestamptz
      )`);
    await db.query(`CREATE INDEX outcome_referral_received ON outcome_referral (received_at)`);
    await db.query(`
      CREATE TABLE outcome_onward_referral (
        onward_referral_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        directory_service_id text NOT NULL,
        partner_organisation_id text NOT NULL,
        status text NOT NULL,
        sent_at timestamptz,
        answered_at timestamptz,
        response_seconds int,
        feedback_at timestamptz,
        feedback_outcome text,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE outcome_pathway_step (
        case_id uuid NOT NULL,
        step text NOT NULL,
        decision text,
        integration_model text NOT NULL,
        practitioner_trained boolean NOT NULL,
        owner text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (case_id, step)
      )`);
    await db.query(`
      CREATE TABLE outcome_due (
        case_id uuid NOT NULL,
        timepoint text NOT NULL,
        person_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        overdue_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'recorded', 'cancelled')),
        PRIMARY KEY (case_id, timepoint)
      )`);
    await db.query(`CREATE INDEX outcome_due_pending ON outcome_due (due_at) WHERE status = 'pending'`);
    await db.query(`
      CREATE TABLE outcome_reminder (
        case_id uuid NOT NULL,
        timepoint text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('due', 'overdue')),
        practitioner_id text,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, timepoint, kind)
      )`);
    await db.query(`
      CREATE TABLE gp_message (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE,
        referral_id uuid NOT NULL,
        person_id uuid NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX gp_message_referral ON gp_message (referral_id)`);
    await db.query(`
      CREATE TABLE hub_snapshot (
        period_kind text NOT NULL,
        period_key text NOT NULL,
        version int NOT NULL,
        content_hash text NOT NULL,
        payload jsonb NOT NULL,
        built_at timestamptz NOT NULL,
        PRIMARY KEY (period_kind, period_key, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'hub_snapshot',
      'gp_message',
      'outcome_reminder',
      'outcome_due',
      'outcome_pathway_step',
      'outcome_onward_referral',
      'outcome_referral',
      'outcome_contact',
      'outcome_case',
      'outcome_record',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
