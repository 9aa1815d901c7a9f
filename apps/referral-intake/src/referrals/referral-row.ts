import type { ReferralEventV1, ReferralViewV1 } from '@linkway/contracts';

/** A referral row as Postgres returns it (joined with its person and hand-off). */
export interface ReferralRow {
  id: string;
  person_id: string;
  status: ReferralViewV1['status'];
  channel: ReferralViewV1['channel'];
  queue: string | null;
  referrer_type: string;
  referrer_account_id: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postcode: string;
  flags: string[];
  consent_given_by: string;
  consent_method: string;
  consent_recorded_at: Date;
  reasons: string[];
  home_screen: string[];
  integration_model: string;
  safeguarding: boolean;
  note: string | null;
  snomed_codes: string[];
  decline_reason: string | null;
  awaiting_info: string | null;
  duplicate_of: string | null;
  created_at: Date;
  updated_at: Date;
  nhs_number: string | null;
  local_id: string | null;
  identity_follow_up: boolean;
  handoff_partner: string | null;
  handoff_status: string | null;
  handoff_updated_at: Date | null;
}

/** Columns of a referral with its person and hand-off, for SELECTs. */
export const REFERRAL_SELECT = `
  SELECT r.*, to_char(r.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
         p.nhs_number, p.local_id, p.identity_follow_up,
         h.partner AS handoff_partner, h.status AS handoff_status, h.updated_at AS handoff_updated_at
    FROM referral r
    JOIN person p ON p.id = r.person_id
    LEFT JOIN handoff h ON h.referral_id = r.id`;

export function toView(row: ReferralRow): ReferralViewV1 {
  return {
    id: row.id,
    status: row.status,
    channel: row.channel,
    queue: row.queue,
    personId: row.person_id,
    localId: row.local_id,
    nhsNumber: row.nhs_number,
    identityFollowUp: row.identity_follow_up,
    person: {
      givenName: row.given_name,
      familyName: row.family_name,
      dateOfBirth: row.date_of_birth,
      postcode: row.postcode,
      flags: row.flags,
    },
    referrerType: row.referrer_type,
    referrerAccountId: row.referrer_account_id,
    consent: {
      givenBy: row.consent_given_by,
      method: row.consent_method,
      recordedAt: new Date(row.consent_recorded_at).toISOString(),
    },
    reasons: row.reasons,
    homeScreen: row.home_screen,
    integrationModel: row.integration_model,
    safeguarding: row.safeguarding,
    note: row.note,
    snomedCodes: row.snomed_codes,
    declineReason: row.decline_reason,
    awaitingInfo: row.awaiting_info,
    duplicateOf: row.duplicate_of,
    handoff:
      row.handoff_partner && row.handoff_status && row.handoff_updated_at
        ? {
            partner: row.handoff_partner,
            status: row.handoff_status,
            updatedAt: new Date(row.handoff_updated_at).toISOString(),
          }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The coded facts casework needs; no names, notes or addresses. */
export function toEvent(view: ReferralViewV1, hubId: string): ReferralEventV1 {
  return {
    referralId: view.id,
    personId: view.personId,
    hubId,
    status: view.status,
    channel: view.channel,
    queue: view.queue,
    needs: view.reasons,
    referrerType: view.referrerType,
    homeScreen: view.homeScreen,
    integrationModel: view.integrationModel,
    safeguarding: view.safeguarding,
    identityFollowUp: view.identityFollowUp,
    snomedCodes: view.snomedCodes,
    declineReason: view.declineReason,
    occurredAt: view.updatedAt,
  };
}
