/**
 * A batch of creates in ONE statement: the set-based form of the service's one-row CREATE_SQL,
 * same person upsert, linking to an open referral, referral, transition and outbox rows, with
 * one round trip per batch instead of per row.
 *
 * Every row of a batch must have a different person match key: ON CONFLICT DO UPDATE cannot
 * touch one person twice in a statement, and a second referral for a person must see the first
 * to be linked to it. The caller runs such later rows one by one after this statement.
 */
export const CREATE_MANY_SQL = `
  WITH i AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
      n int, person_id uuid, match_key text, nhs_number text, local_id text, identity_follow_up boolean,
      id uuid, status text, channel text, queue text, referrer_type text, referrer_account_id text,
      given_name text, family_name text, date_of_birth date, postcode text, flags text[],
      consent_given_by text, consent_method text, consent_recorded_at timestamptz, reasons text[],
      home_screen text[], integration_model text, safeguarding boolean, note text, at timestamptz,
      transition_id uuid, actor_role text, event_ids uuid[], subjects text[], received text)
  ), p AS (
    -- people locked in match-key order, so two batches sharing people wait instead of deadlocking
    INSERT INTO person (id, match_key, nhs_number, local_id, identity_follow_up)
    SELECT person_id, match_key, nhs_number, local_id, identity_follow_up FROM i ORDER BY match_key
    ON CONFLICT (match_key) DO UPDATE SET match_key = EXCLUDED.match_key
    RETURNING id, match_key, local_id, identity_follow_up
  ), o AS (
    SELECT DISTINCT ON (r.person_id) r.person_id, r.id FROM referral r JOIN p ON r.person_id = p.id
    WHERE r.status = ANY($2) ORDER BY r.person_id, r.id
  ), ins AS (
    INSERT INTO referral (id, person_id, status, channel, queue, referrer_type, referrer_account_id,
      given_name, family_name, date_of_birth, postcode, flags, consent_given_by, consent_method,
      consent_recorded_at, reasons, home_screen, integration_model, safeguarding, note, duplicate_of,
      created_at, updated_at)
    SELECT i.id, p.id, CASE WHEN o.id IS NULL THEN i.status ELSE 'linked' END, i.channel,
      CASE WHEN o.id IS NULL THEN i.queue END, i.referrer_type, i.referrer_account_id, i.given_name,
      i.family_name, i.date_of_birth, i.postcode, i.flags, i.consent_given_by, i.consent_method,
      i.consent_recorded_at, i.reasons, i.home_screen, i.integration_model, i.safeguarding, i.note, o.id,
      i.at, i.at
    FROM i JOIN p ON p.match_key = i.match_key LEFT JOIN o ON o.person_id = p.id
    ORDER BY i.n
    RETURNING id, person_id, status, duplicate_of
  ), t AS (
    INSERT INTO referral_transition (id, referral_id, from_status, to_status, actor_account_id, actor_role, at)
    SELECT i.transition_id, ins.id, NULL, ins.status, i.referrer_account_id, i.actor_role, i.at
    FROM ins JOIN i ON i.id = ins.id ORDER BY i.n
  ), e AS (
    INSERT INTO outbox (id, subject, payload)
    SELECT ev.id, ev.subject,
      i.received::jsonb || jsonb_build_object('personId', p.id, 'identityFollowUp', p.identity_follow_up)
    FROM i JOIN ins ON ins.id = i.id JOIN p ON p.id = ins.person_id,
      unnest(i.event_ids, i.subjects) WITH ORDINALITY AS ev(id, subject, k)
    WHERE ins.duplicate_of IS NULL
    ORDER BY i.n, ev.k
  )
  SELECT i.n, p.id AS person_id, p.local_id, p.identity_follow_up, ins.duplicate_of
  FROM i JOIN ins ON ins.id = i.id JOIN p ON p.id = ins.person_id
  ORDER BY i.n`;

/**
 * CREATE_SQL's parameters by position ($1…$31), named as CREATE_MANY_SQL's row columns; null
 * at $26, the open statuses, which the batch statement takes once as $2.
 */
const COLUMNS = [
  'person_id',
  'match_key',
  'nhs_number',
  'local_id',
  'identity_follow_up',
  'id',
  'status',
  'channel',
  'queue',
  'referrer_type',
  'referrer_account_id',
  'given_name',
  'family_name',
  'date_of_birth',
  'postcode',
  'flags',
  'consent_given_by',
  'consent_method',
  'consent_recorded_at',
  'reasons',
  'home_screen',
  'integration_model',
  'safeguarding',
  'note',
  'at',
  null,
  'transition_id',
  'actor_role',
  'event_ids',
  'subjects',
  'received',
] as const;

/** CREATE_MANY_SQL's $1: one row per create, from its CREATE_SQL parameters, numbered n in order. */
export function createManyInput(rows: unknown[][]): string {
  return JSON.stringify(
    rows.map((params, n) => {
      const row: Record<string, unknown> = { n };
      COLUMNS.forEach((column, k) => {
        if (column) row[column] = params[k];
      });
      return row;
    }),
  );
}
