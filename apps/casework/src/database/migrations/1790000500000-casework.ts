import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Casework: practitioners (training, supervision, pairing), cases with their transitions and
 * allocations, contacts, what matters, versioned plans, onward referrals with their status
 * trail, link-worker tasks and notifications, and the home-environment pathway.
 * Uniques carry the idempotency rules: one case per referral, one onward referral per
 * idempotency key, one chaser task per (kind, onward referral), one row per pathway step.
 */
export class Casework1790000500000 implements MigrationInterface {
  name = 'Casework1790000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE practitioner (
        id uuid PRIMARY KEY,
        account_id text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL,
        hours_per_week numeric(5,2) NOT NULL,
        caseload_capacity int NOT NULL,
        active boolean NOT NULL DEFAULT true,
        started_on date NOT NULL,
        supervision_cadence_days int NOT NULL,
        mentor_id uuid REFERENCES practitioner(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE training_record (
        id uuid PRIMARY KEY,
        practitioner_id uuid NOT NULL REFERENCES practitioner(id),
        course text NOT NULL,
        completed_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE supervision_session (
        id uuid PRIMARY KEY,
        practitioner_id uuid NOT NULL REFERENCES practitioner(id),
        supervisor_id uuid NOT NULL REFERENCES practitioner(id),
        at timestamptz NOT NULL,
        cases_discussed uuid[] NOT NULL,
        actions text[] NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX supervision_by_practitioner ON supervision_session (practitioner_id, at DESC)`,
    );
    await db.query(`
      CREATE TABLE person_case (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL UNIQUE,
        person_id uuid NOT NULL,
        queue text NOT NULL,
        practitioner_id uuid REFERENCES practitioner(id),
        state text NOT NULL,
        closure_reason text,
        referrer_type text NOT NULL,
        needs text[] NOT NULL,
        home_screen text[] NOT NULL,
        integration_model text NOT NULL,
        safeguarding boolean NOT NULL,
        opened_at timestamptz NOT NULL,
        first_contact_at timestamptz,
        plan_agreed_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX case_by_practitioner ON person_case (practitioner_id) WHERE state <> 'closed'`,
    );
    await db.query(
      `CREATE INDEX case_waiting ON person_case (queue, opened_at) WHERE practitioner_id IS NULL`,
    );
    await db.query(`
      CREATE TABLE case_transition (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        from_state text,
        to_state text NOT NULL,
        closure_reason text,
        by text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX case_transition_by_case ON case_transition (case_id, at)`);
    await db.query(`
      CREATE TABLE case_allocation (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        practitioner_id uuid NOT NULL REFERENCES practitioner(id),
        by text NOT NULL,
        reason text,
        at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        practitioner_id uuid NOT NULL REFERENCES practitioner(id),
        at timestamptz NOT NULL,
        mode text NOT NULL,
        duration_minutes int NOT NULL,
        notes text,
        present text[] NOT NULL,
        did_not_attend boolean NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX contact_by_case ON contact (case_id, at)`);
    await db.query(`
      CREATE TABLE what_matters (
        case_id uuid PRIMARY KEY REFERENCES person_case(id),
        what_matters text NOT NULL,
        strengths text NOT NULL,
        concerns text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE plan_version (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        version int NOT NULL,
        goals jsonb NOT NULL,
        agreed_date date,
        diff jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        UNIQUE (case_id, version)
      )`);
    await db.query(`
      CREATE TABLE onward_referral (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        idempotency_key text NOT NULL UNIQUE,
        directory_service_id text NOT NULL,
        service_name text NOT NULL,
        partner_organisation_id text NOT NULL,
        contact_name text,
        contact_role text,
        route text,
        reservation_id uuid,
        capacity_released_at timestamptz,
        status text NOT NULL,
        reason text,
        consent_checked_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL,
        first_answer_at timestamptz,
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX onward_by_partner ON onward_referral (partner_organisation_id, sent_at DESC)`,
    );
    await db.query(`CREATE INDEX onward_by_case ON onward_referral (case_id)`);
    await db.query(`
      CREATE TABLE onward_referral_status (
        id uuid PRIMARY KEY,
        onward_referral_id uuid NOT NULL REFERENCES onward_referral(id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        note text,
        by_role text NOT NULL,
        by text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX onward_status_by_referral ON onward_referral_status (onward_referral_id, at)`,
    );
    await db.query(`
      CREATE TABLE case_task (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        kind text NOT NULL,
        onward_referral_id uuid REFERENCES onward_referral(id),
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        done_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX case_task_once ON case_task (kind, onward_referral_id) WHERE onward_referral_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE case_notification (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES person_case(id),
        kind text NOT NULL,
        onward_referral_id uuid REFERENCES onward_referral(id),
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX case_notification_once ON case_notification (kind, onward_referral_id) WHERE onward_referral_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE pathway (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE REFERENCES person_case(id),
        owner text NOT NULL,
        handoff_status text,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE pathway_step (
        id uuid PRIMARY KEY,
        pathway_id uuid NOT NULL REFERENCES pathway(id),
        step text NOT NULL,
        decision text,
        schemes text[] NOT NULL,
        council_contact text,
        notes text,
        practitioner_trained boolean NOT NULL,
        at timestamptz NOT NULL,
        by text NOT NULL,
        UNIQUE (pathway_id, step)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'pathway_step',
      'pathway',
      'case_notification',
      'case_task',
      'onward_referral_status',
      'onward_referral',
      'plan_version',
      'what_matters',
      'contact',
      'case_allocation',
      'case_transition',
      'person_case',
      'supervision_session',
      'training_record',
      'practitioner',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
