import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory: Open Referral UK (HSDS 3.0 UK profile) tables, Linkway's extensions beside
 * them on `services` (kept out of every ORUK payload), capacity reservations, postcodes and
 * the need signals behind the gap report. search_path is the service schema.
 *
 * ORUK ids are strings (imported feeds use UUIDs or their own ids). Objects that exist only
 * inside one service in practice (contacts, phones, schedules, languages, cost options) are
 * JSONB on the service row: always read nested, never queried alone.
 */
export class Directory1790000400000 implements MigrationInterface {
  name = 'Directory1790000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE taxonomies (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        uri text,
        version text
      )`);
    await db.query(`
      CREATE TABLE taxonomy_terms (
        id text PRIMARY KEY,
        code text,
        name text NOT NULL,
        description text NOT NULL,
        parent_id text REFERENCES taxonomy_terms (id) ON DELETE SET NULL,
        taxonomy_id text REFERENCES taxonomies (id) ON DELETE CASCADE,
        term_uri text
      )`);
    await db.query(`CREATE INDEX taxonomy_terms_parent ON taxonomy_terms (parent_id)`);
    await db.query(`
      CREATE TABLE organizations (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        email text,
        website text,
        phone text,
        last_modified timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE services (
        id text PRIMARY KEY,
        organization_id text NOT NULL REFERENCES organizations (id),
        name text NOT NULL,
        description text,
        url text,
        email text,
        status text NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
        minimum_age int CHECK (minimum_age >= 0),
        maximum_age int CHECK (maximum_age >= 0),
        eligibility_description text,
        fees_description text,
        languages jsonb NOT NULL DEFAULT '[]',
        schedules jsonb NOT NULL DEFAULT '[]',
        cost_options jsonb NOT NULL DEFAULT '[]',
        contacts jsonb NOT NULL DEFAULT '[]',
        last_modified timestamptz NOT NULL DEFAULT now(),
        -- Linkway extensions: never in an ORUK payload
        referral_route text CHECK (referral_route IN ('in_platform', 'email', 'phone', 'own_form')),
        referral_details text,
        referral_contacts jsonb NOT NULL DEFAULT '[]',
        mou_in_place boolean NOT NULL DEFAULT false,
        mou_review_date date,
        accepting text NOT NULL DEFAULT 'yes' CHECK (accepting IN ('yes', 'no', 'paused')),
        max_new_per_week int CHECK (max_new_per_week >= 0),
        waiting_time_days int CHECK (waiting_time_days >= 0),
        last_verified_at timestamptz,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('english', name || ' ' || coalesce(description, ''))
        ) STORED,
        CHECK (maximum_age IS NULL OR minimum_age IS NULL OR maximum_age >= minimum_age)
      )`);
    await db.query(`CREATE INDEX services_organization ON services (organization_id)`);
    await db.query(`CREATE INDEX services_search ON services USING gin (search)`);
    await db.query(`CREATE INDEX services_modified ON services (last_modified)`);
    await db.query(`
      CREATE TABLE locations (
        id text PRIMARY KEY,
        location_type text NOT NULL DEFAULT 'physical',
        name text,
        address_1 text,
        city text,
        postal_code text,
        latitude double precision,
        longitude double precision
      )`);
    await db.query(`CREATE INDEX locations_lat_lng ON locations (latitude, longitude)`);
    await db.query(`
      CREATE TABLE service_at_locations (
        id text PRIMARY KEY,
        service_id text NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        location_id text NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
        UNIQUE (service_id, location_id)
      )`);
    await db.query(`CREATE INDEX service_at_locations_location ON service_at_locations (location_id)`);
    // ORUK attributes: a taxonomy term attached to a record (here: services)
    await db.query(`
      CREATE TABLE attributes (
        id text PRIMARY KEY,
        link_id text NOT NULL,
        link_type text NOT NULL DEFAULT 'service',
        link_entity text NOT NULL DEFAULT 'service',
        taxonomy_term_id text NOT NULL REFERENCES taxonomy_terms (id) ON DELETE CASCADE,
        value text,
        UNIQUE (link_entity, link_id, taxonomy_term_id)
      )`);
    await db.query(`CREATE INDEX attributes_term_link ON attributes (taxonomy_term_id, link_id)`);
    await db.query(`
      CREATE TABLE capacity_reservations (
        id uuid PRIMARY KEY,
        service_id text NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        idempotency_key text NOT NULL UNIQUE,
        reference text,
        reserved_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX capacity_reservations_open ON capacity_reservations (service_id, reserved_at) WHERE released_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE postcodes (
        pcds text PRIMARY KEY,
        outward text NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL
      )`);
    await db.query(`CREATE INDEX postcodes_outward ON postcodes (outward)`);
    await db.query(`
      CREATE TABLE postcode_misses (
        postcode text PRIMARY KEY,
        resolution text NOT NULL CHECK (resolution IN ('outward_centroid', 'unknown')),
        times int NOT NULL DEFAULT 1,
        first_seen timestamptz NOT NULL DEFAULT now(),
        last_seen timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE need_signals (
        id bigserial PRIMARY KEY,
        taxonomy_term_id text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX need_signals_at ON need_signals (at, taxonomy_term_id)`);
    await db.query(`CREATE TABLE directory_meta (key text PRIMARY KEY, value text NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'directory_meta',
      'need_signals',
      'postcode_misses',
      'postcodes',
      'capacity_reservations',
      'attributes',
      'service_at_locations',
      'locations',
      'services',
      'organizations',
      'taxonomy_terms',
      'taxonomies',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}
