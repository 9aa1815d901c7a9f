import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People, referrals, their transitions, onward hand-offs and idempotency keys. One open
 * referral per person is a database rule (partial unique index), so two referrals for the same
 * person arriving at once cannot both open.
 */
export class Referrals1790000100000 implements MigrationInterface {
  name = 'Referrals1790000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        match_key text NOT NULL UNIQUE,
        nhs_number text UNIQUE,
        local_id text UNIQUE,
        identity_follow_up boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person(id),
        status text NOT NULL,
        channel text NOT NULL,
        queue text,
        referrer_type text NOT NULL,
        referrer_account_id text,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        postcode text NOT NULL,
        flags text[] NOT NULL,
        consent_given_by text NOT NULL,
        consent_method text NOT NULL,
        consent_recorded_at timestamptz NOT NULL,
        reasons text[] NOT NULL,
        home_screen text[] NOT NULL,
        integration_model text NOT NULL,
        safeguarding boolean NOT NULL,
        note text,
        snomed_codes text[] NOT NULL DEFAULT '{}',
        decline_reason text,
        awaiting_info text,
        duplicate_of uuid REFERENCES referral(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE UNIQUE INDEX referral_one_open_per_person ON referral (person_id)
        WHERE status IN ('received', 'safeguarding_review', 'awaiting_info', 'accepted')`);
    await db.query(`CREATE INDEX referral_by_referrer ON referral (referrer_account_id, id DESC)`);
    await db.query(`CREATE INDEX referral_by_status ON referral (status, id DESC)`);
    await db.query(`
      CREATE TABLE referral_transition (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral(id),
        from_status text,
        to_status text NOT NULL,
        actor_account_id text,
        actor_role text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX referral_transition_by_referral ON referral_transition (referral_id, at)`);
    await db.query(`
      CREATE TABLE handoff (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL UNIQUE REFERENCES referral(id),
        partner text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE idempotency_key (
        key text PRIMARY KEY,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_key, handoff, referral_transition, referral, person`);
  }
}
